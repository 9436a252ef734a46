-- RowMQ's tables on MariaDB (InnoDB). Every table is prefixed rowmq_ so that it can live beside the application's
-- own. Names use a binary collation: JMS destination names are case-sensitive.

CREATE TABLE rowmq_destination (
    name                VARCHAR(255) NOT NULL PRIMARY KEY,
    kind                VARCHAR(16)  NOT NULL,              -- QUEUE or TEMPORARY_QUEUE
    owner_node          VARCHAR(64),                        -- the node a temporary queue dies with
    max_messages        BIGINT       NOT NULL DEFAULT 0,    -- backlog limit of ready messages, 0 for none
    when_full           VARCHAR(8)   NOT NULL DEFAULT 'FAIL',
    block_timeout_ms    BIGINT       NOT NULL DEFAULT 0,
    max_deliveries      INT          NOT NULL DEFAULT 10,
    dead_letter_queue   VARCHAR(255) NOT NULL DEFAULT 'DLQ',
    redelivery_delay_ms BIGINT       NOT NULL DEFAULT 0
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per queue message, carrying its own delivery state. Times are epoch milliseconds on the database's clock;
-- expires_at 0 means never. No partial indexes here: state is the second index column, so ready rows are contiguous
-- in delivery order.
CREATE TABLE rowmq_message (
    id                   BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    destination          VARCHAR(255) NOT NULL,
    priority             SMALLINT     NOT NULL,
    state                SMALLINT     NOT NULL,             -- 0 ready, 1 in flight
    visible_at           BIGINT       NOT NULL,
    expires_at           BIGINT       NOT NULL,
    delivery_count       INT          NOT NULL,
    owner_node           VARCHAR(64),
    is_persistent        BOOLEAN      NOT NULL,
    original_destination VARCHAR(255),
    dead_letter_reason   VARCHAR(1000),
    payload              LONGBLOB     NOT NULL,
    INDEX rowmq_message_claim (destination, state, priority DESC, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE rowmq_node (
    id        VARCHAR(64) NOT NULL PRIMARY KEY,
    heartbeat BIGINT      NOT NULL,
    started   BIGINT      NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
