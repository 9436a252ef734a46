-- Views for DBAs and monitoring (docs/operations.md, "SQL views"): read-only summaries of RowMQ's tables, computed
-- when queried; nothing writes through them and RowMQ itself never reads them. Times are epoch milliseconds on the
-- database's clock; ages are milliseconds.

-- Messages per destination and state. A subscription's messages are under rowmq.sub.<id>.
CREATE VIEW rowmq_queue_depth AS
SELECT destination,
       SUM(CASE WHEN state = 0 AND visible_at <= CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT) THEN 1 ELSE 0 END) AS ready,
       SUM(CASE WHEN state = 0 AND visible_at > CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT) THEN 1 ELSE 0 END) AS scheduled,
       SUM(CASE WHEN state = 1 THEN 1 ELSE 0 END) AS in_flight,
       SUM(CASE WHEN state IN (2, 3) THEN 1 ELSE 0 END) AS held_xa,
       COUNT(*) AS total
FROM rowmq_message
GROUP BY destination;

-- The oldest message ready for delivery per destination: a growing age means consumers are not keeping up (or none
-- are running). visible_at is when it became deliverable (its send, delivery delay or redelivery delay).
CREATE VIEW rowmq_oldest_message AS
SELECT m.destination, MIN(m.id) AS oldest_id, MIN(m.visible_at) AS oldest_visible_at,
       CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT) - MIN(m.visible_at) AS age_ms
FROM rowmq_message m
WHERE m.state = 0 AND m.visible_at <= CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)
GROUP BY m.destination;

-- Dead letters per dead-letter queue and the destination they came from.
CREATE VIEW rowmq_dead_letters AS
SELECT destination AS dead_letter_queue, original_destination, COUNT(*) AS messages,
       MIN(id) AS oldest_id, MAX(delivery_count) AS max_delivery_count
FROM rowmq_message
WHERE original_destination IS NOT NULL
GROUP BY destination, original_destination;

-- XA branches prepared and not yet committed or rolled back (in doubt while their transaction manager is away).
CREATE VIEW rowmq_in_doubt_branches AS
SELECT b.id, b.format_id, b.gtrid, b.bqual, b.node, b.prepared_at, CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT) - b.prepared_at AS age_ms,
       (SELECT COUNT(*) FROM rowmq_message m WHERE m.xa_branch = b.id AND m.state = 2) AS held_sends,
       (SELECT COUNT(*) FROM rowmq_message m WHERE m.xa_branch = b.id AND m.state = 3) AS held_receives
FROM rowmq_xa_branch b;

-- JVMs in the node table with their lease; alive = 0 for a node whose heartbeat is older than its lease (its in-flight
-- messages return to their queues when another node reaps it).
CREATE VIEW rowmq_live_nodes AS
SELECT n.id, n.started, n.heartbeat, n.lease_ms, CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT) - n.heartbeat AS heartbeat_age_ms,
       CASE WHEN CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT) - n.heartbeat <= n.lease_ms THEN 1 ELSE 0 END AS alive, n.life_token,
       (SELECT COUNT(*) FROM rowmq_message m WHERE m.owner_node = n.id AND m.state = 1) AS in_flight
FROM rowmq_node n;

-- Dead row versions and vacuum activity of RowMQ's tables in this schema: rowmq_message and rowmq_body churn (one
-- insert, update and delete per message), so dead_rows should stay near the autovacuum thresholds set on them.
CREATE VIEW rowmq_table_bloat AS
SELECT s.relname::VARCHAR(255) AS table_name, s.n_live_tup AS live_rows, s.n_dead_tup AS dead_rows,
       pg_total_relation_size(s.relid) AS total_bytes, CAST(NULL AS BIGINT) AS reclaimable_bytes,
       GREATEST(s.last_vacuum, s.last_autovacuum) AS last_vacuum,
       GREATEST(s.last_analyze, s.last_autoanalyze) AS last_analyze
FROM pg_stat_user_tables s
WHERE s.schemaname = current_schema() AND s.relname LIKE 'rowmq\_%';
