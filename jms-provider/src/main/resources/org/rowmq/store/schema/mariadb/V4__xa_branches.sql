-- XA branches prepared by RowMQ itself (no database XA). A row exists exactly while its branch is prepared; the
-- branch's sends (state 2) and receives (state 3) are the queue rows tagged with its id.
CREATE TABLE rowmq_xa_branch (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    format_id   INT           NOT NULL,
    gtrid       VARBINARY(64) NOT NULL,
    bqual       VARBINARY(64) NOT NULL,
    state       SMALLINT      NOT NULL,                     -- 1 prepared
    prepared_at BIGINT        NOT NULL,                     -- epoch milliseconds on the database's clock
    node        VARCHAR(64)   NOT NULL,                     -- the node that prepared it, for operators
    CONSTRAINT rowmq_xa_branch_xid UNIQUE (format_id, gtrid, bqual)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- States of rowmq_message now also include 2 (sent in a prepared branch, held) and 3 (received in a prepared
-- branch, held); both carry the branch. No partial indexes here: rows outside XA hold NULL in this index.
ALTER TABLE rowmq_message ADD COLUMN xa_branch BIGINT NULL, ADD INDEX rowmq_message_xa_branch (xa_branch);
