-- 1 when the node holds a life token in the database (a lock its session holds, released by the server when that
-- session ends): other nodes then reap it as soon as the token is free instead of waiting for its lease. 0 for nodes
-- that hold none (H2, or an older RowMQ version during a rolling upgrade), which only the lease judges.
ALTER TABLE rowmq_node ADD COLUMN life_token SMALLINT DEFAULT 0 NOT NULL;
