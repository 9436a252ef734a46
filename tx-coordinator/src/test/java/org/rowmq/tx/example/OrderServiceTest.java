package org.rowmq.tx.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rowmq.client.RowXAConnectionFactory;

/**
 * Runs the README's example, {@link OrderService#main}, as the README does: in a JVM of its own (Narayana is one per
 * JVM, and the other tests' coordinator has a different node identifier), twice on the same data directory, then
 * counts what it left: three order rows per run, none for the declined order, and no message left on the queue or in
 * doubt.
 */
class OrderServiceTest {

    private static final long PATIENCE_SECONDS = 120;

    @TempDir
    Path dir;

    @Test
    void mainCommitsThreeOrdersWithTheirMessagesAndRollsTheDeclinedOneBack() throws Exception {
        Path data = dir.resolve("data");
        String rowmqUrl = "jdbc:h2:file:" + data.resolve("rowmq") + ";WRITE_DELAY=0";

        String first = runMain(data, rowmqUrl, "first");
        assertTrue(first.contains("5. order rows of this run: 3; messages received: 3; all order rows in the"
                + " database: 3"), first);
        assertTrue(first.contains("message for o-") && first.contains("-declined received: false"), first);
        assertTrue(first.contains("-declined exists: false"), first);

        // Again on the same directory: the same node identifier and transaction log, as after a restart.
        String second = runMain(data, rowmqUrl, "second");
        assertTrue(second.contains("5. order rows of this run: 3; messages received: 3; all order rows in the"
                + " database: 6"), second);

        String ordersUrl = "jdbc:h2:file:" + data.resolve("orders");
        assertEquals(6, count(ordersUrl, "SELECT COUNT(*) FROM orders"));
        assertEquals(0, count(ordersUrl, "SELECT COUNT(*) FROM orders WHERE id LIKE '%-declined'"));
        assertEquals(0, count(ordersUrl, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.IN_DOUBT"));
        assertEquals(0, count(rowmqUrl, "SELECT COUNT(*) FROM rowmq_xa_branch"), "RowMQ branches left prepared");
        try (RowXAConnectionFactory rowmq = new RowXAConnectionFactory(rowmqUrl);
             JMSContext jms = rowmq.createContext();
             JMSConsumer consumer = jms.createConsumer(jms.createQueue(OrderService.ORDERS_CREATED))) {
            assertNull(consumer.receive(500), "the example consumed every message it sent");
        }
    }

    private String runMain(Path data, String rowmqUrl, String name) throws Exception {
        Path output = dir.resolve(name + ".out");
        Process main = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                OrderService.class.getName(),
                data.toString(),
                rowmqUrl)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean exited = main.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS);
        if (!exited) main.destroyForcibly();
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertTrue(exited, "OrderService.main did not finish within " + PATIENCE_SECONDS + " s; it printed:\n" + printed);
        assertEquals(0, main.exitValue(), "OrderService.main failed; it printed:\n" + printed);
        for (String step : List.of("1. ", "2. ", "3. ", "4. ", "5. ", "6. done")) {
            assertTrue(printed.contains("\n" + step) || printed.startsWith(step), "step " + step + " missing:\n" + printed);
        }
        return printed;
    }

    private static int count(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
