package org.rowmq.ra;

/**
 * The configuration properties shared by the resource adapter (defaults for everything) and a connection definition
 * (per-definition overrides), as JavaBean setters the server calls with the values of ra.xml or of the
 * resource-adapters subsystem.
 */
public abstract class Configurable {
    private String jdbcUrl;
    private String user;
    private String password;
    private Integer poolSize;
    private Integer prefetch;
    private Integer leaseHeartbeat;
    private Integer leaseTimeout;
    private String dataSourceJndiName;
    private String securityFile;

    /** The properties set here; null where nothing was set. */
    public Settings settings() {
        return new Settings(jdbcUrl, user, password, poolSize, prefetch, leaseHeartbeat, leaseTimeout, dataSourceJndiName,
                securityFile);
    }

    public String getJdbcUrl() { return jdbcUrl; }

    public void setJdbcUrl(String jdbcUrl) { this.jdbcUrl = emptyToNull(jdbcUrl); }

    public String getUser() { return user; }

    public void setUser(String user) { this.user = emptyToNull(user); }

    public String getPassword() { return password; }

    public void setPassword(String password) { this.password = password; }

    public Integer getPoolSize() { return poolSize; }

    public void setPoolSize(Integer poolSize) { this.poolSize = atLeast(1, poolSize, "poolSize"); }

    public Integer getPrefetch() { return prefetch; }

    public void setPrefetch(Integer prefetch) { this.prefetch = atLeast(1, prefetch, "prefetch"); }

    /** Seconds between this server's heartbeats in the store. */
    public Integer getLeaseHeartbeat() { return leaseHeartbeat; }

    public void setLeaseHeartbeat(Integer seconds) { this.leaseHeartbeat = atLeast(1, seconds, "leaseHeartbeat"); }

    /** Seconds without a heartbeat after which this server's in-flight messages go to the others. */
    public Integer getLeaseTimeout() { return leaseTimeout; }

    public void setLeaseTimeout(Integer seconds) { this.leaseTimeout = atLeast(2, seconds, "leaseTimeout"); }

    public String getDataSourceJndiName() { return dataSourceJndiName; }

    public void setDataSourceJndiName(String name) { this.dataSourceJndiName = emptyToNull(name); }

    /** A RowMQ security file (users, roles, permissions) for the connections made with these settings. */
    public String getSecurityFile() { return securityFile; }

    public void setSecurityFile(String path) { this.securityFile = emptyToNull(path); }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static Integer atLeast(int min, Integer value, String name) {
        if (value != null && value < min)
            throw new IllegalArgumentException("RowMQ's " + name + " must be at least " + min + ", was " + value);
        return value;
    }
}
