-- Finds a node's in-flight rows without scanning the message table: a clean close returning its prefetched rows, and
-- the reaper returning a dead node's. Partial: ready rows (the usual bulk of the table) cost nothing here.
CREATE INDEX rowmq_message_in_flight ON rowmq_message (owner_node) WHERE state = 1;
