package org.rowmq.spring.boot;

import org.rowmq.store.DestinationSettings.FullPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code rowmq.*} properties. Without {@code rowmq.url} RowMQ keeps its tables in the application's own
 * DataSource and its sessions work in the application's transactions; every other property has RowMQ's default.
 */
@ConfigurationProperties("rowmq")
public class RowMqProperties {

    /** Whether to auto-configure RowMQ's ConnectionFactory. */
    private boolean enabled = true;

    /**
     * JDBC URL of a database of RowMQ's own, instead of the application's DataSource. Messages then commit in RowMQ's
     * own JMS transactions, not with the application's JDBC or JPA work.
     */
    private String url;

    /** Database user for {@code rowmq.url}. */
    private String user;

    /** Database password for {@code rowmq.url}. */
    private String password;

    /** Connections of RowMQ's own pool, used with {@code rowmq.url} (on the application's DataSource RowMQ uses its pool). */
    private int poolSize = 10;

    /** Messages one claim fetches for the consumers of a queue in this JVM. */
    private int prefetch = 10;

    /** The client ID of every connection (needed for durable subscriptions of JMS 1.1 style). */
    private String clientId;

    private final Lease lease = new Lease();

    /** Limits per destination name: max-messages, when-full, max-deliveries, dead-letter-queue, redelivery-delay. */
    private final Map<String, Destination> destinations = new LinkedHashMap<>();

    /**
     * The security file (users with hashed passwords, roles, permissions per destination), properties or JSON; without
     * it, the system property rowmq.security.file or the environment variable ROWMQ_SECURITY_FILE, else security is off.
     */
    private String securityFile;

    /** How this JVM proves it is alive, so that another takes over its in-flight messages when it dies. */
    public static class Lease {
        /** How often this JVM refreshes its row in the node table. */
        private Duration heartbeat = Duration.ofSeconds(5);

        /** How long without a heartbeat before this JVM's in-flight messages are redelivered elsewhere (at least twice the heartbeat). */
        private Duration timeout = Duration.ofSeconds(30);

        public Duration getHeartbeat() {
            return heartbeat;
        }

        public void setHeartbeat(Duration heartbeat) {
            this.heartbeat = heartbeat;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }

    /** One destination's limits; a property left out keeps what the database has (RowMQ's default at first). */
    public static class Destination {
        /** Most messages the destination holds (0: no limit). */
        private Long maxMessages;

        /** What a send to a full destination does: FAIL at once, or BLOCK up to block-timeout. */
        private FullPolicy whenFull;

        /** How long a send to a full destination waits under BLOCK. */
        private Duration blockTimeout;

        /** Deliveries of a message before it moves to the dead-letter queue. */
        private Integer maxDeliveries;

        /** Where a message goes after max-deliveries deliveries. */
        private String deadLetterQueue;

        /** How long a message rolled back waits before its next delivery. */
        private Duration redeliveryDelay;

        public Long getMaxMessages() {
            return maxMessages;
        }

        public void setMaxMessages(Long maxMessages) {
            this.maxMessages = maxMessages;
        }

        public FullPolicy getWhenFull() {
            return whenFull;
        }

        public void setWhenFull(FullPolicy whenFull) {
            this.whenFull = whenFull;
        }

        public Duration getBlockTimeout() {
            return blockTimeout;
        }

        public void setBlockTimeout(Duration blockTimeout) {
            this.blockTimeout = blockTimeout;
        }

        public Integer getMaxDeliveries() {
            return maxDeliveries;
        }

        public void setMaxDeliveries(Integer maxDeliveries) {
            this.maxDeliveries = maxDeliveries;
        }

        public String getDeadLetterQueue() {
            return deadLetterQueue;
        }

        public void setDeadLetterQueue(String deadLetterQueue) {
            this.deadLetterQueue = deadLetterQueue;
        }

        public Duration getRedeliveryDelay() {
            return redeliveryDelay;
        }

        public void setRedeliveryDelay(Duration redeliveryDelay) {
            this.redeliveryDelay = redeliveryDelay;
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public int getPoolSize() {
        return poolSize;
    }

    public void setPoolSize(int poolSize) {
        this.poolSize = poolSize;
    }

    public int getPrefetch() {
        return prefetch;
    }

    public void setPrefetch(int prefetch) {
        this.prefetch = prefetch;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public Lease getLease() {
        return lease;
    }

    public Map<String, Destination> getDestinations() {
        return destinations;
    }

    public String getSecurityFile() {
        return securityFile;
    }

    public void setSecurityFile(String securityFile) {
        this.securityFile = securityFile;
    }
}
