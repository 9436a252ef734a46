-- Nothing ever read is_persistent: every stored message is durable once its commit returns, and a NON_PERSISTENT
-- send differs only in not waiting for that commit. Every RowMQ JVM on the database must run this version or later.
ALTER TABLE rowmq_message DROP COLUMN is_persistent;
