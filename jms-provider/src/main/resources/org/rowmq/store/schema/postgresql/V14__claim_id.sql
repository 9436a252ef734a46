-- The claim that put an in-flight row in flight: a number its node chose for that claim, written by the claim's own
-- UPDATE (no statement more). When a claim's answer is lost with its connection (a failover or crash of the server
-- after the claim committed), the node returns exactly the rows of that claim, as untouched, once it reaches the
-- database again; without it they stayed in flight under the live node until it closed. NULL on rows never claimed;
-- a stale value on a ready row means nothing (only in-flight rows of the node are matched). No index: the release
-- finds the node's in-flight rows through the owner_node index.
ALTER TABLE rowmq_message ADD COLUMN claim_id BIGINT NULL;
