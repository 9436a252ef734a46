-- Message groups (JMSXGroupID). A grouped message carries its group on its row; group_end is 1 when its JMSXGroupSeq
-- was negative (it closes the group). The index finds a group's earliest row for the claim's check that a candidate
-- is the head of its group; MariaDB has no partial indexes, so ungrouped rows share its NULL key, which leads.
ALTER TABLE rowmq_message ADD COLUMN group_id VARCHAR(255) NULL, ADD COLUMN group_end SMALLINT NOT NULL DEFAULT 0,
    ADD INDEX rowmq_message_group (group_id, destination, id);

-- Which node a group sticks to, per queue or subscription queue: written by the claim of a group's head, deleted when
-- the node's last consumer of that queue closes, when a message closing the group is claimed, and when the node is
-- reaped (so a dead JVM's groups move on).
CREATE TABLE rowmq_group (
    destination VARCHAR(255) NOT NULL,
    group_id    VARCHAR(255) NOT NULL,
    owner_node  VARCHAR(64)  NOT NULL,
    PRIMARY KEY (destination, group_id),
    INDEX rowmq_group_owner (owner_node)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
