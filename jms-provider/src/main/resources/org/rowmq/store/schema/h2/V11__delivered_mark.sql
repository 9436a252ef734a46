-- 1 once the row in flight was handed to the application (receive returned it, or its listener was called), written
-- before the application sees it; 0 while it only waits in a prefetch buffer. When a node dies, the reaper returns its
-- marked rows with the delivery count raised (JMSRedelivered) and its unmarked rows untouched. Reset to 0 whenever a
-- row goes back to ready. Not indexed: marking a row changes no indexed column.
ALTER TABLE rowmq_message ADD COLUMN delivered SMALLINT DEFAULT 0 NOT NULL;
