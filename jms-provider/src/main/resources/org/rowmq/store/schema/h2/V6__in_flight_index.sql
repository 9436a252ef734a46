-- Finds a node's in-flight rows without scanning the message table: a clean close returning its prefetched rows, and
-- the reaper returning a dead node's. H2 has no partial indexes; ready rows share one NULL key.
CREATE INDEX rowmq_message_in_flight ON rowmq_message (owner_node);
