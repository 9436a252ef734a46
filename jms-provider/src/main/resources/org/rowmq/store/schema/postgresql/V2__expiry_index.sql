-- Lets the periodic cleanup find expired rows in LIMIT-bounded batches. Partial: messages without a time to live
-- (the usual case) cost nothing here.
CREATE INDEX rowmq_message_expiry ON rowmq_message (expires_at) WHERE expires_at > 0;
