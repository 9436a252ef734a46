-- Publish/subscribe. A subscription is a queue of its own, named rowmq.sub.<id> in rowmq_message: a published message
-- is copied into each matching subscription when its transaction commits, so claims, acknowledgements, redelivery,
-- the dead-letter queue and the lease reaper work for subscriptions exactly as for queues.
CREATE TABLE rowmq_subscription (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    topic       VARCHAR(255)  NOT NULL,
    name        VARCHAR(255)  NOT NULL,
    client_id   VARCHAR(255)  NOT NULL,
    durable     BOOLEAN       NOT NULL,
    shared      BOOLEAN       NOT NULL,
    selector    VARCHAR(4000),
    no_local    VARCHAR(255),
    owner_node  VARCHAR(64),
    UNIQUE KEY rowmq_subscription_name (client_id, name, durable),
    INDEX rowmq_subscription_topic (topic)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE rowmq_subscriber (
    consumer_id     VARCHAR(64) NOT NULL PRIMARY KEY,
    subscription_id BIGINT      NOT NULL,
    node            VARCHAR(64) NOT NULL,
    INDEX rowmq_subscriber_subscription (subscription_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE rowmq_client (
    client_id     VARCHAR(255) NOT NULL PRIMARY KEY,
    connection_id VARCHAR(64)  NOT NULL,
    node          VARCHAR(64)  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Each node states its own lease, so JVMs with different settings judge each other by the right one.
ALTER TABLE rowmq_node ADD COLUMN lease_ms BIGINT NOT NULL DEFAULT 30000;
