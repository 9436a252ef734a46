-- When each subscription was last active: a consumer attached or detached, or messages were claimed from it (written
-- every few seconds by the node that claimed). Epoch milliseconds on the database's clock; NULL when nothing was
-- recorded yet (a subscription made before this version and untouched since). `rowmq subscriptions` shows its age.
ALTER TABLE rowmq_subscription ADD COLUMN last_active BIGINT;

-- Each node's traffic since it started, per destination: messages stored (sent) and acknowledged (consumed), written
-- by the node every second while they change (one UPDATE per busy destination, none when idle), so that
-- `rowmq stats --watch` shows send and consume rates from the differences between two readings. Temporary queues and
-- subscriptions' queues are each counted under one name, (temporary) and (subscriptions). Rows of nodes that left the
-- node table are deleted by the remaining nodes' housekeeping.
CREATE TABLE rowmq_node_traffic (
    node         VARCHAR(64)  NOT NULL,
    destination  VARCHAR(255) NOT NULL,
    sent         BIGINT       NOT NULL,
    acknowledged BIGINT       NOT NULL,
    updated_at   BIGINT       NOT NULL,
    PRIMARY KEY (node, destination)
);
