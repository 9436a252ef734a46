package org.rowmq.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** The JDBC message store: one per configuration per JVM, shared through {@link Stores}. */
final class JdbcMessageStore implements MessageStore {

    private static final Logger log = LoggerFactory.getLogger(JdbcMessageStore.class);
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final StoreConfig config;
    private final String nodeId;
    private final HikariDataSource ownPool;
    private final DataSource dataSource;
    private final Dialect dialect;
    private final DatabaseClock clock;
    private final Destinations destinations;
    private final MessageWriter writer;
    private final Claimer claimer;
    private final CutClaims cutClaims;
    private final CutReleases cutReleases;
    private final Redelivery redelivery;
    private final TrafficCounters traffic;
    private final CurrentMetrics metrics;
    private final Arrivals arrivals;
    private final BacklogLimit backlog;
    private final GroupCommitter committer;
    /** The order of the callers that bring none of their own: their writes stay in call order among themselves. */
    private final WriteOrder sharedOrder;
    private final NodeLiveness liveness;
    private final Housekeeping housekeeping;
    /** Null unless the database needs it and the pool is RowMQ's own (an application's pool is its own to manage). */
    private final MessageTableVacuum vacuum;
    private final PostgresNotifications notifications;
    private final LifeToken lifeToken;
    private final Subscriptions subscriptions;
    private final ApplicationTransactions applicationTransactions;
    private final XABranches xaBranches;
    private final SubscriptionActivity activity;
    private final LongAdder claims = new LongAdder();
    private final LongAdder claimed = new LongAdder();

    JdbcMessageStore(StoreConfig config) throws JMSException {
        this.config = config;
        this.nodeId = newNodeId();
        this.traffic = new TrafficCounters(nodeId);
        this.metrics = new CurrentMetrics(traffic);
        this.arrivals = new Arrivals(metrics);
        if (config.dataSource() == null) JdbcDrivers.require(config.jdbcUrl(), DriverManager::getDriver);
        this.ownPool = config.dataSource() == null ? openPool(config) : null;
        this.dataSource = ownPool != null ? ownPool : config.dataSource();
        try {
            try (Connection c = dataSource.getConnection()) {
                this.dialect = Dialect.of(c.getMetaData());
            }
            // On Galera, before the migrations (a table it would not replicate safely) and after (Flyway's own table).
            checkCluster();
            Schema.migrate(dataSource, dialect);
            checkCluster();
            this.subscriptions = new Subscriptions(dialect);
            this.clock = new DatabaseClock(dialect);
            this.destinations = new Destinations(dataSource, dialect);
            this.writer = new MessageWriter(dialect, subscriptions);
            this.claimer = new Claimer(dialect);
            this.cutClaims = new CutClaims(dialect, nodeId);
            this.redelivery = new Redelivery(dialect, destinations, metrics);
            this.cutReleases = new CutReleases(nodeId, redelivery, clock);
            this.backlog = new BacklogLimit(dataSource, dialect);
            // PostgreSQL holds the token on its notification connection, the other databases on one of the token's own.
            this.lifeToken = !dialect.hasLifeTokens() ? null
                    : new LifeToken(dialect, nodeId, dataSource, dialect.notifies() ? null : this::heldConnection);
            this.liveness = new NodeLiveness(dataSource, dialect, clock, redelivery, arrivals, nodeId,
                    config.heartbeat(), config.leaseTimeout(), lifeToken);
            try (Connection c = dataSource.getConnection()) {
                clock.sample(c);
                liveness.register(c);
            }
        } catch (JMSException e) {
            closePool();
            throw e;
        } catch (SQLException e) {
            closePool();
            throw StoreErrors.failure("open the message store at " + where(), e);
        } catch (RuntimeException e) {
            closePool();
            JMSException jms = new JMSException("RowMQ could not prepare its tables at " + where() + ": " + e.getMessage());
            jms.initCause(e);
            throw jms;
        }
        this.applicationTransactions = new ApplicationTransactions(dataSource, dialect, clock, redelivery, arrivals, nodeId);
        this.committer = new GroupCommitter(dataSource, dialect, clock, writer, arrivals, nodeId, metrics);
        this.sharedOrder = committer.newOrder();
        this.notifications = dialect.notifies()
                ? new PostgresNotifications(this::heldConnection, nodeId, arrivals, lifeToken) : null;
        // Held before the store is used, so that a JVM killed right after opening its store is seen at once.
        if (notifications != null) notifications.awaitFirstAttempt(Duration.ofSeconds(10));
        if (lifeToken != null) keepLifeToken();
        this.xaBranches = new XABranches(this, dataSource, dialect, clock, writer, redelivery, arrivals, nodeId, metrics);
        this.activity = new SubscriptionActivity(clock);
        this.housekeeping = new Housekeeping(dataSource, dialect, clock, nodeId, metrics, activity, traffic,
                this::returnCutOnItsOwn);
        // Dead row versions left by this node: acknowledged (and other group-committed) rows, and claimed ones.
        this.vacuum = dialect.vacuumsMessageTable() && config.dataSource() == null
                ? new MessageTableVacuum(dataSource, () -> committer.counters()[2] + claimed.sum(), nodeId) : null;
        useMetrics(new JmxStoreMetrics(nodeId, this::depth));
        liveness.start();
        housekeeping.start();
        if (vacuum != null) vacuum.start();
        log.info("RowMQ node {} opened its store on {} ({})", nodeId, where(), dialect.schemaFolder());
    }

    private void checkCluster() throws SQLException, JMSException {
        if (!(dialect instanceof MariaDbDialect m) || !m.galera()) return;
        try (Connection c = dataSource.getConnection()) {
            GaleraSettings.check(c);
        }
    }

    private void keepLifeToken() {
        try {
            lifeToken.keep();
        } catch (SQLException e) {
            log.warn("RowMQ node {} could not open the connection holding its life token; other nodes judge it by its"
                    + " lease until the next heartbeat takes it: {}", nodeId, e.toString());
        }
    }

    private static String newNodeId() {
        return "node-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String where() {
        return config.jdbcUrl() != null ? config.jdbcUrl() : "the application's DataSource";
    }

    /**
     * RowMQ's own pool; HikariCP opens its first connection here, so an unreachable database or refused credentials
     * surface now, as the JMSException a JMS caller expects rather than the pool's RuntimeException.
     */
    private static HikariDataSource openPool(StoreConfig config) throws JMSException {
        try {
            return new HikariDataSource(poolConfig(config));
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            JMSException jms = new JMSException("RowMQ could not connect to " + config.jdbcUrl() + ": " + cause.getMessage());
            if (cause instanceof Exception linked) jms.setLinkedException(linked);
            jms.initCause(cause);
            throw jms;
        }
    }

    private static HikariConfig poolConfig(StoreConfig config) {
        HikariConfig h = new HikariConfig();
        h.setPoolName("rowmq-" + POOLS.incrementAndGet());
        H2AutoServer.keepOnLoopback(config.jdbcUrl());
        h.setRegisterMbeans(true); // pool use in JMX (com.zaxxer.hikari:type=Pool (rowmq-N)), beside the store's own MBeans
        h.setJdbcUrl(config.jdbcUrl());
        h.setUsername(config.user());
        h.setPassword(config.password());
        h.setMaximumPoolSize(config.poolSize());
        h.setMinimumIdle(Math.min(2, config.poolSize()));
        // An outage surfaces as an exception after this long instead of a hang.
        h.setConnectionTimeout(10_000);
        h.setExceptionOverride(new BrokenConnections());
        // Locking reads take no gap locks under READ COMMITTED (MariaDB); the other databases default to it.
        h.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        // The dialect's pool settings are needed before the first connection; the URL's scheme names the database.
        if (config.jdbcUrl().startsWith("jdbc:postgresql:")) new PostgresDialect().configurePool(h);
        return h;
    }

    private void closePool() {
        if (ownPool != null) ownPool.close();
    }

    /**
     * A connection held for as long as the store is open (PostgreSQL's notification listener and life token,
     * MariaDB's life token): with a JDBC URL, its own and not the pool's (so it never takes one of the pool's
     * connections); with the application's DataSource, one of the application's pool.
     */
    private Connection heldConnection() throws SQLException {
        if (config.jdbcUrl() == null) return config.dataSource().getConnection();
        Properties p = new Properties();
        if (config.user() != null) p.setProperty("user", config.user());
        if (config.password() != null) p.setProperty("password", config.password());
        dialect.configureHeldConnection(p);
        return DriverManager.getConnection(config.jdbcUrl(), p);
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public StoreStats stats() {
        long[] c = committer.counters();
        return new StoreStats(c[0], c[1], c[2], c[3], claims.sum(), claimed.sum(), c[4], c[5], c[6]);
    }

    // ---- writes ------------------------------------------------------------------------------------------------

    @Override
    public WriteOrder writeOrder() {
        return committer.newOrder();
    }

    @Override
    public CompletableFuture<Void> send(List<OutgoingMessage> messages) {
        return send(sharedOrder, messages);
    }

    // Cost per persistent message sent: one row in the group committer's batch (see CommitLane), sharing its
    // commit with other callers. A destination with a backlog limit adds one bounded COUNT per send call.
    @Override
    public CompletableFuture<Void> send(WriteOrder order, List<OutgoingMessage> messages) {
        try {
            checkBacklog(messages);
        } catch (JMSException e) {
            return CompletableFuture.failedFuture(e);
        }
        WorkUnit unit = new WorkUnit(messages, new long[0], subscriptions.select(messages));
        committer.submit(order, unit); // the committer counts the sends once they are committed
        return unit.done;
    }

    @Override
    public CompletableFuture<Void> acknowledge(Collection<Long> ids) {
        return acknowledge(sharedOrder, ids);
    }

    // Cost per acknowledged message: one id in the group's DELETE, sharing its commit.
    @Override
    public CompletableFuture<Void> acknowledge(WriteOrder order, Collection<Long> ids) {
        WorkUnit unit = new WorkUnit(List.of(), Jdbc.toArray(ids));
        // The committer counts the acknowledgements per destination once they are committed.
        committer.submit(order, unit);
        return unit.done;
    }

    @Override
    public CompletableFuture<Void> markDelivered(Collection<Long> delivered, Collection<Long> ahead,
                                                 Collection<Long> acknowledged) {
        return markDelivered(sharedOrder, delivered, ahead, acknowledged);
    }

    // Cost per marked message: one id in the group's UPDATE (plus one id in its DELETE for an acknowledgement riding
    // along), sharing its commit; the caller waits for that commit before the application sees the message.
    @Override
    public CompletableFuture<Void> markDelivered(WriteOrder order, Collection<Long> delivered, Collection<Long> ahead,
                                                 Collection<Long> acknowledged) {
        WorkUnit unit = new WorkUnit(Jdbc.toArray(acknowledged), Jdbc.toArray(delivered), Jdbc.toArray(ahead));
        // The committer counts the acknowledgements per destination once they are committed.
        committer.submit(order, unit);
        return unit.done;
    }

    @Override
    public void commit(List<OutgoingMessage> sends, Collection<Long> acknowledgedIds) throws JMSException {
        commit(sharedOrder, sends, acknowledgedIds, List.of());
    }

    // Cost of a mark ahead: one id in the group's second UPDATE (see markDelivered), no commit of its own.
    @Override
    public void commit(WriteOrder order, List<OutgoingMessage> sends, Collection<Long> acknowledgedIds,
                       Collection<Long> ahead) throws JMSException {
        checkBacklog(sends);
        WorkUnit unit = new WorkUnit(sends, Jdbc.toArray(acknowledgedIds), Jdbc.toArray(ahead), subscriptions.select(sends));
        committer.submit(order, unit);
        try {
            unit.done.get();
        } catch (ExecutionException e) {
            throw StoreErrors.unwrap(e, unit.describe());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            JMSException jms = new JMSException("interrupted while waiting to " + unit.describe()
                    + "; the transaction may still commit");
            jms.initCause(e);
            throw jms;
        }
    }

    @Override
    public void write(Connection connection, List<OutgoingMessage> sends, Collection<Long> acknowledgedIds) throws JMSException {
        WorkUnit unit = new WorkUnit(sends, Jdbc.toArray(acknowledgedIds));
        checkBacklog(sends);
        try {
            for (String d : unit.destinations()) {
                if (MessageWriter.isTemporary(d)) {
                    JMSException invalid = writer.checkTemporary(connection, d);
                    if (invalid != null) throw invalid;
                }
            }
            writer.insert(connection, sends, clock.now());
            Map<String, Integer> acknowledged = new HashMap<>();
            writer.delete(connection, unit.acknowledgements, nodeId, acknowledged);
            // Counted when written into the application's transaction, which may yet roll back.
            metrics.sent(sends);
            acknowledged.forEach(metrics::acknowledged);
        } catch (SQLException e) {
            throw StoreErrors.failure(unit.describe() + " on the application's connection", e);
        }
    }

    @Override
    public void checkApplicationConnection(Connection connection) throws JMSException {
        if (!mapped("check that the application's connection reaches RowMQ's tables",
                () -> applicationTransactions.reachesStore(connection))) {
            throw new JMSException("The application's JDBC connection does not reach RowMQ's tables at " + where()
                    + " (another database, or another schema): use a connection to the database and schema of the"
                    + " RowConnectionFactory, for example one from the same DataSource");
        }
    }

    @Override
    public void announceAtCommit(Connection connection, Collection<String> destinations) throws JMSException {
        mapped("queue an arrival notification on the application's connection", () -> {
            applicationTransactions.announceAtCommit(connection, destinations);
            return null;
        });
    }

    @Override
    public Set<Long> settle(Collection<Long> ids) throws JMSException {
        if (ids.isEmpty()) return Set.of();
        return mapped("settle " + ids.size() + " acknowledgements made in application transactions",
                () -> applicationTransactions.settle(Jdbc.toArray(ids)));
    }

    void checkBacklog(List<OutgoingMessage> messages) throws JMSException {
        Map<String, Integer> counts = null;
        Set<String> topics = null;
        for (OutgoingMessage m : messages) {
            if (counts == null) counts = new LinkedHashMap<>();
            counts.merge(m.destination(), 1, Integer::sum);
            if (m.topic()) {
                if (topics == null) topics = new LinkedHashSet<>();
                topics.add(m.destination());
            }
        }
        if (counts == null) return;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            DestinationSettings s = settings(e.getKey());
            if (s.maxMessages() <= 0) continue;
            if (topics != null && topics.contains(e.getKey())) {
                // A topic's limit applies to the backlog of each subscription the messages would go into.
                for (Map.Entry<String, Integer> q : subscriptionQueues(messages).entrySet()) {
                    backlog.await(q.getKey(), q.getValue(), s);
                }
            } else {
                backlog.await(e.getKey(), e.getValue(), s);
            }
        }
    }

    /** How many of these messages each subscription would receive (selectors and noLocal applied). */
    private Map<String, Integer> subscriptionQueues(List<OutgoingMessage> messages) throws JMSException {
        Rows rows = onConnection("read the subscriptions of the topics published to", c -> {
            Rows fannedOut = new Rows();
            subscriptions.fanOut(c, messages, fannedOut, Subscriptions.Selections.NONE);
            return fannedOut;
        });
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Rows.Row r : rows.rows()) {
            String queue = r.message().destination();
            if (Subscription.isSubscriptionQueue(queue)) counts.merge(queue, 1, Integer::sum);
        }
        return counts;
    }

    // ---- subscriptions and client IDs ---------------------------------------------------------------------------

    /**
     * Two JVMs creating the same named subscription at once both find nothing to lock and both insert; the loser's
     * unique-key violation means the subscription now exists, so it tries again and joins it.
     */
    @Override
    public Subscription subscribe(SubscriptionSpec spec, String consumerId) throws JMSException {
        for (int attempt = 1; ; attempt++) {
            try {
                return inTransaction("subscribe to topic '" + spec.topic() + "'", c -> {
                    Subscription s = subscriptions.subscribe(c, spec, consumerId, nodeId);
                    activity.touch(c, s.id());
                    return s;
                });
            } catch (JMSException e) {
                if (attempt < 3 && e.getCause() instanceof SQLException sql && Destinations.isDuplicate(sql)) continue;
                throw e;
            }
        }
    }

    @Override
    public void unsubscribeConsumer(Subscription subscription, String consumerId) throws JMSException {
        inTransaction("close a consumer of topic '" + subscription.topic() + "'", c -> {
            activity.touch(c, subscription.id());
            subscriptions.unsubscribeConsumer(c, subscription, consumerId);
            return null;
        });
    }

    @Override
    public void unsubscribe(String clientId, String name) throws JMSException {
        unsubscribe(clientId, name, topic -> { });
    }

    @Override
    public void unsubscribe(String clientId, String name, TopicCheck mayDelete) throws JMSException {
        inTransaction("unsubscribe durable subscription '" + name + "'", c -> {
            subscriptions.unsubscribe(c, clientId, name, mayDelete);
            return null;
        });
    }

    @Override
    public void claimClientId(String clientId, String connectionId) throws JMSException {
        inTransaction("register client ID '" + clientId + "'", c -> {
            subscriptions.claimClientId(c, clientId, connectionId, nodeId);
            return null;
        });
    }

    @Override
    public void releaseClientId(String clientId, String connectionId) throws JMSException {
        onConnection("release client ID '" + clientId + "'", c -> {
            subscriptions.releaseClientId(c, clientId, connectionId);
            return null;
        });
    }

    @Override
    public boolean hasSubscribers(String topic) throws JMSException {
        return onConnection("look for consumers of topic '" + topic + "'", c -> Subscriptions.hasSubscribers(c, topic));
    }

    @Override
    public void setSubscriptionMatcher(SubscriptionMatcher matcher) {
        subscriptions.setMatcher(matcher);
    }

    // ---- the unit of work ----------------------------------------------------------------------------------------

    /** A store operation's statements on one pooled connection; a JMSException it throws is the operation's answer. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException, JMSException;
    }

    /** A call that borrows its own connection (the settings cache). */
    @FunctionalInterface
    private interface SqlCall<T> {
        T run() throws SQLException;
    }

    /**
     * Borrows a connection, runs the work in autocommit, gives the connection back; a database failure becomes the
     * JMSException of "RowMQ could not {@code what}", here and nowhere else.
     */
    private <T> T onConnection(String what, Work<T> work) throws JMSException {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw StoreErrors.failure(what, e);
        }
    }

    /**
     * The same in one transaction: committed when the work returns, rolled back when it throws anything; run again
     * when the database rolled it back as a deadlock victim or Galera certification failure ({@link Jdbc#retryingVictims}).
     */
    private <T> T inTransaction(String what, Work<T> work) throws JMSException {
        return onConnection(what, c -> {
            JMSException[] refused = new JMSException[1];
            try {
                return Jdbc.retryingVictims(() -> Jdbc.inTransaction(c, () -> {
                    try {
                        return work.run(c);
                    } catch (JMSException e) {
                        refused[0] = e;
                        throw new SQLException("refused: " + e.getMessage());
                    }
                }));
            } catch (SQLException e) {
                if (refused[0] != null) throw refused[0];
                throw e;
            }
        });
    }

    private static <T> T mapped(String what, SqlCall<T> call) throws JMSException {
        try {
            return call.run();
        } catch (SQLException e) {
            throw StoreErrors.failure(what, e);
        }
    }

    // ---- claims ------------------------------------------------------------------------------------------------

    // Cost per claimed message: PostgreSQL one UPDATE ... RETURNING (autocommit) per batch of up to max messages;
    // MariaDB a locking SELECT, an UPDATE and a commit per batch; H2 a page read, a locking SELECT, an UPDATE and a
    // commit per batch (in-process, no round trips). With a filter, add the page reads it takes to find matches (the
    // first bytes of each payload) and one read of the whole payloads claimed. A claim that took grouped messages
    // (JMSXGroupID) runs one batch more, making their groups stick to this node; ungrouped claims run nothing more.
    // The claim id costs nothing: the claim's own UPDATE writes it. Only after a claim failed (its answer lost, or a
    // filtered claim failing after an earlier page committed) does the next claim run one UPDATE more first, returning
    // the rows the failed one may have taken (CutClaims).
    @Override
    public Claimed claim(String queue, int max, ClaimFilter filter, BrowsePosition from, int marks)
            throws JMSException {
        if (max < 1) throw new IllegalArgumentException("max must be at least 1, was " + max);
        arrivals.consumedFrom(queue);
        if (cutClaims.any() || cutReleases.any()) {
            onConnection("return the messages of claims and releases whose answer was lost", this::returnCut);
        }
        long started = System.nanoTime();
        long claim = cutClaims.next();
        Claimed result = onConnection("claim messages from queue '" + queue + "'", c -> {
            try {
                return claimer.claim(c, queue, nodeId, claim, marks, clock.now(), max, filter, from);
            } catch (SQLException e) {
                // Whatever failed, earlier statements of this claim may have committed rows (a lost answer, or a
                // filtered claim's earlier page): they are returned before the next claim.
                cutClaims.cut(claim, queue);
                if (!Jdbc.isVictim(e)) throw e;
                // Lost every attempt to other consumers claiming the same rows (on Galera, JVMs on other nodes): this
                // claim took nothing and they took the messages; the consumer claims again on its next poll.
                return new Claimed(List.of(), from);
            }
        });
        if (result.messages().isEmpty()) reapNodesWithFreeTokens(queue);
        else activity.claimedFrom(queue);
        claims.increment();
        claimed.add(result.messages().size());
        metrics.claimed(queue, result.messages().size(), System.nanoTime() - started);
        return result;
    }

    /**
     * Returns the rows of claims and releases whose answer was lost (see {@link CutClaims}, {@link CutReleases}) and
     * wakes their queues' consumers, here and in other JVMs. Throws as the claim would: the database is still out of
     * reach.
     */
    private Set<String> returnCut(Connection c) throws SQLException {
        Set<String> returned = new LinkedHashSet<>(cutClaims.returnAll(c));
        returned.addAll(cutReleases.returnAll(c));
        if (!returned.isEmpty() && dialect.notifies()) dialect.notifyArrivals(c, Arrivals.payload(nodeId, returned));
        if (!returned.isEmpty()) log.info("RowMQ node {} returned the messages of claims or releases whose answer was"
                + " lost with their connection to {}", nodeId, returned);
        arrivals.arrived(returned);
        return returned;
    }

    /** The same when no claim comes to do it: from housekeeping, and at close. */
    private void returnCutOnItsOwn() throws SQLException {
        if (!cutClaims.any() && !cutReleases.any()) return;
        try (Connection c = dataSource.getConnection()) {
            returnCut(c);
        }
    }

    /**
     * After an empty claim: a dead JVM may hold the queue's messages in flight; reaping it now, rather than on the
     * next reaper pass, brings them back while someone waits. A failure here is not the claim's: it is logged.
     */
    private void reapNodesWithFreeTokens(String queue) {
        try {
            liveness.reapNodesWithFreeTokens();
        } catch (SQLException e) {
            log.debug("RowMQ node {} could not test the other nodes' life tokens after an empty claim on queue '{}'",
                    nodeId, queue, e);
        }
    }

    @Override
    public void countDelivery(StoredMessage message) {
        metrics.delivered(message.destination());
    }

    @Override
    public boolean expired(StoredMessage message) {
        return message.expiresAt() > 0 && message.expiresAt() <= clock.now();
    }

    @Override
    public void release(Collection<Long> ids, boolean delivered) throws JMSException {
        if (ids.isEmpty()) return;
        long[] wanted = Jdbc.toArray(ids);
        long claimedUpTo = cutClaims.last();
        AtomicReference<List<Redelivery.InFlight>> locked = new AtomicReference<>();
        Set<String> ready;
        try {
            ready = inTransaction("return " + ids.size() + " in-flight messages to their queues", c -> {
                locked.set(null);
                List<Redelivery.InFlight> rows = redelivery.lockOwned(c, nodeId, wanted);
                locked.set(rows);
                if (rows.isEmpty()) return Set.of();
                Set<String> names = delivered ? redelivery.redeliver(c, rows, clock.now()) : redelivery.returnUntouched(c, rows);
                if (dialect.notifies() && arrivals.othersListen()) dialect.notifyArrivals(c, Arrivals.payload(nodeId, names));
                return names;
            });
        } catch (JMSException e) {
            // Committed or not, the rows must not stay in flight here with no consumer holding them: the release runs
            // again until it succeeds (CutReleases).
            cutReleases.cut(wanted, locked.get(), claimedUpTo, delivered);
            throw e;
        }
        arrivals.arrived(ready);
    }

    @Override
    public void releaseGroups(String queue) throws JMSException {
        onConnection("release the message groups of queue '" + queue + "'", c -> {
            MessageGroups.release(c, queue, nodeId);
            return null;
        });
    }

    @Override
    public List<StoredMessage> browse(String queue, BrowsePosition after, int max) throws JMSException {
        return onConnection("browse queue '" + queue + "'", c -> claimer.page(c, queue, clock.now(), after, max));
    }

    // ---- destinations ------------------------------------------------------------------------------------------

    @Override
    public DestinationSettings settings(String destination) throws JMSException {
        return mapped("read the settings of '" + destination + "'", () -> destinations.settings(destination));
    }

    @Override
    public void configure(String destination, DestinationSettings settings) throws JMSException {
        mapped("store the settings of '" + destination + "'", () -> {
            destinations.configure(destination, settings);
            return null;
        });
    }

    @Override
    public void createTemporary(String name) throws JMSException {
        if (!MessageWriter.isTemporary(name)) {
            throw new jakarta.jms.InvalidDestinationException("a temporary destination's name must start with '"
                    + MessageWriter.TEMPORARY_PREFIX + "', was '" + name + "'");
        }
        mapped("create temporary queue '" + name + "'", () -> {
            destinations.createTemporary(name, nodeId);
            return null;
        });
    }

    @Override
    public void deleteTemporary(String name) throws JMSException {
        mapped("delete temporary queue '" + name + "'", () -> {
            destinations.deleteTemporary(name);
            return null;
        });
    }

    @Override
    public long depth(String destination) throws JMSException {
        return onConnection("count the messages of '" + destination + "'", c -> backlog.depth(c, destination));
    }

    // ---- arrivals ----------------------------------------------------------------------------------------------

    @Override
    public void setArrivalListener(ArrivalListener listener) {
        arrivals.setListener(listener);
    }

    @Override
    public void announce(Collection<String> destinations) {
        if (destinations.isEmpty()) return;
        Set<String> names = new LinkedHashSet<>(destinations);
        arrivals.arrived(names);
        if (!dialect.notifies() || !arrivals.othersListen()) return;
        try (Connection c = dataSource.getConnection()) {
            // Autocommit: the notification goes out at once.
            dialect.notifyArrivals(c, Arrivals.payload(nodeId, names));
        } catch (SQLException e) {
            log.warn("RowMQ could not notify other JVMs of arrivals on {}; their consumers will find the messages"
                    + " at their next poll", names, e);
        }
    }

    @Override
    public boolean notifiesArrivals() {
        return dialect.notifies();
    }

    @Override
    public XABranchStore xaBranches() {
        return xaBranches;
    }

    /** Reaps dead nodes now rather than at the next scheduled run; for tests and tools. Returns how many it reaped. */
    int reapDeadNodes() throws SQLException {
        return liveness.reapDeadNodes();
    }

    /** Writes the subscriptions' noted claim times now rather than at the next scheduled run; for tests. */
    int recordSubscriptionActivity() throws SQLException {
        return housekeeping.recordSubscriptionActivity();
    }

    /** Writes this node's traffic counts now rather than at the next scheduled run; for tests. */
    int publishTraffic() throws SQLException {
        return housekeeping.publishTraffic();
    }

    /** Sweeps unreferenced message bodies now rather than at the next scheduled run; for tests and tools. */
    int sweepBodies() throws SQLException {
        return housekeeping.sweepBodies();
    }

    Dialect dialect() {
        return dialect;
    }

    // ---- shutdown ----------------------------------------------------------------------------------------------

    /**
     * Shuts down: commits pending work, gives up this node's in-flight rows, stops the threads, closes the pool. Only
     * {@link Stores}, when the last reference closes.
     */
    /**
     * Records into the application's Micrometer registry (an {@code io.micrometer.core.instrument.MeterRegistry})
     * instead of JMX, RowMQ's own pool included. Typed Object so that this interface needs no Micrometer at run time.
     */
    @Override
    public void useMeterRegistry(Object meterRegistry) {
        io.micrometer.core.instrument.MeterRegistry registry = (io.micrometer.core.instrument.MeterRegistry) meterRegistry;
        useMetrics(new MicrometerStoreMetrics(registry, nodeId, this::depth));
        if (ownPool != null) {
            try {
                ownPool.setMetricRegistry(registry);
            } catch (IllegalStateException e) {
                log.debug("RowMQ's pool already reports to a registry", e);
            }
        }
    }

    /** Where the store's hooks record from now on; the previous recorder is closed (its MBeans unregistered). */
    void useMetrics(StoreMetrics next) {
        metrics.use(next).close();
    }

    void close() {
        metrics.close();
        committer.close();
        housekeeping.stop();
        if (vacuum != null) vacuum.stop();
        try {
            returnCutOnItsOwn();
        } catch (SQLException e) {
            log.warn("RowMQ node {} could not return the messages of claims or releases whose answer was lost at close;"
                    + " they come back as this node leaves, or after its lease", nodeId, e);
        }
        liveness.close();
        if (notifications != null) notifications.close();
        if (lifeToken != null) lifeToken.close();
        closePool();
        log.info("RowMQ node {} closed its store", nodeId);
    }
}
