-- Finds a node's in-flight rows without scanning the message table: a clean close returning its prefetched rows, and
-- the reaper returning a dead node's. Partial: ready rows (the usual bulk of the table) cost nothing here.
-- (V1's remark on HOT updates never held: a claim or release changes state, which rowmq_message_ready's predicate
-- reads, and owner_node, indexed here; those updates write new index entries, and the fillfactor only keeps the new
-- row version on the same page.)
CREATE INDEX rowmq_message_in_flight ON rowmq_message (owner_node) WHERE state = 1;
