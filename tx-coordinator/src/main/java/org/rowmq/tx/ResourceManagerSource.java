package org.rowmq.tx;

/** A resource manager registered by name: it opens fresh connections, for transactions and for recovery. */
interface ResourceManagerSource {

    String name();

    ResourceConnection open() throws Exception;
}
