package org.rowmq.sample;

/**
 * The JNDI names the server configuration binds for this application (sample-ear/wildfly/configure.cli) and the
 * physical names of its destinations. Physical names are what {@code JMSContext.createQueue} takes, so the application
 * needs no administered destination objects.
 */
public final class Resources {

    /** The application's own database: orders, stock, reservations, shipments, audit, and RowMQ's message tables. */
    public static final String ORDERS_DATASOURCE = "java:jboss/datasources/SampleOrdersDS";
    /** The separate payments database, an XA datasource. */
    public static final String PAYMENTS_DATASOURCE = "java:jboss/datasources/SamplePaymentsDS";
    /**
     * RowMQ through the RAR on the orders datasource: inside a JTA transaction its sends run on the transaction's own
     * orders connection, so a business row and a message commit in one local database transaction (no XA). It is also
     * the EE default JMS connection factory, which {@code @Inject JMSContext} uses.
     */
    public static final String LOCAL_CONNECTION_FACTORY = "java:/jms/rowmq/SampleLocalCF";
    /**
     * RowMQ through the RAR with a connection of its own: an XA participant beside the payments datasource.
     */
    public static final String XA_CONNECTION_FACTORY = "java:/jms/rowmq/SampleXaCF";

    /** OrderCreated, read by the payment bean. */
    public static final String ORDERS_QUEUE = "sample.orders";
    /** PaymentCompleted, read by the inventory bean. */
    public static final String STOCK_QUEUE = "sample.stock";
    /** StockShort, read by the compensation bean (cancel the order, refund the payment). */
    public static final String COMPENSATIONS_QUEUE = "sample.compensations";
    /** Every event, for the shipping (durable subscription) and audit (shared subscription) beans. */
    public static final String EVENTS_TOPIC = "sample.events";
    /** RowMQ's default dead-letter queue. */
    public static final String DEAD_LETTER_QUEUE = "DLQ";

    /** The message properties every event carries (selectors use them). */
    public static final String EVENT_TYPE = "eventType";
    public static final String ORDER_ID = "orderId";

    private Resources() {
    }
}
