package org.rowmq.tx.example;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;

import org.h2.jdbcx.JdbcDataSource;
import org.rowmq.client.RowXAConnectionFactory;
import org.rowmq.tx.TxCoordinator;
import org.rowmq.tx.TxCoordinatorConfig;

/**
 * The README's order service: each order is a row in the application's database (H2 through its XADataSource) and an
 * "order created" message on the RowMQ queue {@value #ORDERS_CREATED}, written in one XA transaction, so either both
 * exist or neither. One order is declined on purpose, inside the transaction, to show that its row and its message
 * are both rolled back. Then the messages are consumed and the rows counted.
 *
 * <p>Arguments, both optional: {@code [data-directory [rowmq-jdbc-url [user [password]]]]}. The data directory
 * (default {@code ./rowmq-data}) holds the coordinator's transaction log ({@code tx/}), the order database
 * ({@code orders}) and, without a URL, RowMQ's embedded H2 store ({@code rowmq}, which for the default directory is
 * RowMQ's own default). Running it again reuses all three: the node identifier and the log stay the same, as recovery
 * requires.
 */
public final class OrderService {

    static final String NODE_IDENTIFIER = "order-service";
    static final String ORDERS_DB = "orders-db";
    static final String ROWMQ = "rowmq";
    static final String ORDERS_CREATED = "orders.created";
    /** The example prints its own steps; Narayana's INFO logs (JUL here) would bury them. Held: JUL keeps weak ones. */
    private static final List<Logger> QUIETED = List.of(Logger.getLogger("com.arjuna"));
    /** How long the consumer waits for a further message before it decides the queue is drained. */
    private static final long RECEIVE_TIMEOUT_MILLIS = 2_000;

    private final TxCoordinator coordinator;
    private final RowXAConnectionFactory rowmq;
    private final JdbcDataSource orders;
    private final PrintStream out;

    OrderService(TxCoordinator coordinator, JdbcDataSource orders, RowXAConnectionFactory rowmq, PrintStream out) {
        this.coordinator = coordinator;
        this.orders = orders;
        this.rowmq = rowmq;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        QUIETED.forEach(logger -> logger.setLevel(Level.WARNING));
        Path dataDirectory = Path.of(args.length > 0 ? args[0] : "rowmq-data").toAbsolutePath().normalize();
        String rowmqUrl = args.length > 1 ? args[1]
                : "jdbc:h2:file:" + dataDirectory.resolve("rowmq") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
        String rowmqUser = args.length > 2 ? args[2] : null;
        String rowmqPassword = args.length > 3 ? args[3] : null;
        Files.createDirectories(dataDirectory);

        TxCoordinatorConfig config = TxCoordinatorConfig.builder(NODE_IDENTIFIER, dataDirectory.resolve("tx"))
                .recoveryPeriod(Duration.ofSeconds(10))
                .build();
        // WRITE_DELAY=0: a commit or PREPARE is on disk when it returns, so a crash cannot lose a prepared branch.
        JdbcDataSource ordersDataSource = new JdbcDataSource();
        ordersDataSource.setURL("jdbc:h2:file:" + dataDirectory.resolve("orders") + ";WRITE_DELAY=0");

        PrintStream out = System.out;
        out.println("1. coordinator \"" + NODE_IDENTIFIER + "\", transaction log in " + config.objectStoreDirectory());
        out.println("   order rows in H2 at " + ordersDataSource.getURL());
        out.println("   messages in RowMQ at " + rowmqUrl);
        try (TxCoordinator coordinator = TxCoordinator.start(config);
             RowXAConnectionFactory rowmq = new RowXAConnectionFactory(rowmqUrl, rowmqUser, rowmqPassword)) {
            coordinator.registerXADataSource(ORDERS_DB, ordersDataSource);
            coordinator.registerXAConnectionFactory(ROWMQ, rowmq);
            new OrderService(coordinator, ordersDataSource, rowmq, out).run(Long.toString(System.currentTimeMillis(), 36));
        }
        out.println("6. done");
    }

    /** Places three orders, declines a fourth, consumes the messages; order ids carry {@code run} so reruns add. */
    void run(String run) throws Exception {
        createOrdersTable();
        List<String> placed = List.of("o-" + run + "-1", "o-" + run + "-2", "o-" + run + "-3");
        String[] items = {"book", "lamp", "chair"};
        out.println("2. placing " + placed.size() + " orders, each in one XA transaction (order row + message)");
        for (int i = 0; i < placed.size(); i++) {
            placeOrder(placed.get(i), items[i]);
            out.println("   committed order " + placed.get(i) + " (" + items[i] + ")");
        }

        String declined = "o-" + run + "-declined";
        out.println("3. placing order " + declined + " and throwing inside the transaction (payment declined)");
        try {
            coordinator.inTransaction(tx -> {
                insertOrder(tx.connection(ORDERS_DB), declined, "piano");
                sendOrderCreated(tx.jms(ROWMQ), declined);
                throw new PaymentDeclinedException(declined);
            });
            throw new IllegalStateException("the declined order's transaction committed");
        } catch (PaymentDeclinedException expected) {
            out.println("   rolled back: " + expected.getMessage());
        }
        out.println("   order row " + declined + " exists: " + orderExists(declined));

        out.println("4. consuming queue " + ORDERS_CREATED);
        List<String> received = consumeOrderCreated();
        for (String body : received) out.println("   received: " + body);
        boolean declinedMessage = received.stream().anyMatch(body -> body.endsWith(" " + declined));
        out.println("   message for " + declined + " received: " + declinedMessage);

        out.println("5. order rows of this run: " + countOrders("o-" + run + "-%") + "; messages received: "
                + received.size() + "; all order rows in the database: " + countOrders("%"));
    }

    /** The service's one operation: the order row and its "order created" message, committed together. */
    void placeOrder(String id, String item) throws Exception {
        coordinator.inTransaction(tx -> {
            insertOrder(tx.connection(ORDERS_DB), id, item);
            sendOrderCreated(tx.jms(ROWMQ), id);
        });
    }

    private static void insertOrder(Connection connection, String id, String item) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO orders (id, item) VALUES (?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, item);
            insert.executeUpdate();
        }
    }

    private static void sendOrderCreated(JMSContext jms, String id) {
        jms.createProducer().setProperty("orderId", id).send(jms.createQueue(ORDERS_CREATED), "order created " + id);
    }

    /** Every message now on the queue, each acknowledged on receipt (AUTO_ACKNOWLEDGE, outside any transaction). */
    private List<String> consumeOrderCreated() throws Exception {
        List<String> bodies = new ArrayList<>();
        try (JMSContext jms = rowmq.createContext();
             JMSConsumer consumer = jms.createConsumer(jms.createQueue(ORDERS_CREATED))) {
            for (Message m = consumer.receive(RECEIVE_TIMEOUT_MILLIS); m != null;
                 m = consumer.receive(RECEIVE_TIMEOUT_MILLIS)) {
                bodies.add(m.getBody(String.class));
            }
        }
        return bodies;
    }

    private void createOrdersTable() throws SQLException {
        try (Connection c = orders.getConnection(); Statement ddl = c.createStatement()) {
            ddl.execute("CREATE TABLE IF NOT EXISTS orders (id VARCHAR(64) PRIMARY KEY, item VARCHAR(200) NOT NULL)");
        }
    }

    private boolean orderExists(String id) throws SQLException {
        return countOrders(id) == 1;
    }

    private int countOrders(String idPattern) throws SQLException {
        try (Connection c = orders.getConnection();
             PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM orders WHERE id LIKE ?")) {
            count.setString(1, idPattern);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The business failure of the example: thrown inside the transaction, it rolls back both branches. */
    static final class PaymentDeclinedException extends Exception {
        PaymentDeclinedException(String orderId) {
            super("payment declined for " + orderId);
        }
    }
}
