-- A published message's payload is stored once, in rowmq_body; each matching subscription gets a narrow row in
-- rowmq_message with payload NULL and body_id naming the body. Queue messages keep their payload inline (body_id
-- NULL). A body is deleted when its last row goes (in the same transaction where possible, else by the periodic
-- sweep). No foreign key: its check would cost every insert, queue messages included; the store keeps the reference.
CREATE TABLE rowmq_body (
    id      BIGINT   NOT NULL AUTO_INCREMENT PRIMARY KEY,
    payload LONGBLOB NOT NULL
) ENGINE = InnoDB;

-- Finds the rows still referencing a body when one of them goes (no partial indexes here: queue rows hold NULL).
ALTER TABLE rowmq_message MODIFY payload LONGBLOB NULL, ADD COLUMN body_id BIGINT NULL,
    ADD INDEX rowmq_message_body (body_id);
