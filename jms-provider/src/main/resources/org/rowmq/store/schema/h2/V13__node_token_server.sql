-- The server instance a node's life token is held on (PostgreSQL: its postmaster's start, epoch microseconds). After a
-- failover or restart every token is free on the new server until its node takes it again: only a token taken on the
-- server at hand is judged. NULL where the database cannot tell (then the token is judged as before).
ALTER TABLE rowmq_node ADD COLUMN token_server BIGINT NULL;
