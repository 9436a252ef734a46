-- Lets the periodic cleanup find expired rows in LIMIT-bounded batches.
CREATE INDEX rowmq_message_expiry ON rowmq_message (expires_at);
