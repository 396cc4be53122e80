package io.pilothouse.services.sandbox;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The etcd users of a {@code --tls} sandbox and their random passwords: {@value #ROOT} (etcd's root role), Patroni's
 * own user (read-write on the namespace), Pilothouse's (read on the namespace, read-write on the operation lock
 * prefix) and a monitoring one (read on the namespace only). {@link #toString()} shows no password.
 */
record EtcdUsers(String rootPassword, String patroniPassword, String pilothousePassword, String monitorPassword) {

    static final String ROOT = "root";
    static final String PATRONI = "patroni";
    static final String PILOTHOUSE = "pilothouse";
    static final String MONITOR = "pilothouse_monitor";

    /** The role that reads the Patroni namespace. */
    static final String MONITOR_ROLE = "namespace_reader";
    /** The role that takes Pilothouse's operation locks. */
    static final String LOCKS_ROLE = "operation_locks";
    /** Patroni's role: read-write on its namespace. */
    static final String PATRONI_ROLE = "patroni";

    /** The default operation lock prefix of the workspace (EtcdConfig.DEFAULT_LOCK_PREFIX). */
    static final String LOCK_PREFIX = "/pilothouse/locks/";

    static EtcdUsers generate(SecureRandom random) {
        Credentials c = Credentials.generate(random);
        return new EtcdUsers(c.superuserPassword(), c.replicationPassword(), c.monitorPassword(), c.appPassword());
    }

    /** User to password, in the order pgpass lines are written. */
    Map<String, String> byUser() {
        Map<String, String> users = new LinkedHashMap<>();
        users.put(ROOT, rootPassword);
        users.put(PATRONI, patroniPassword);
        users.put(PILOTHOUSE, pilothousePassword);
        users.put(MONITOR, monitorPassword);
        return users;
    }

    /** pgpass lines for database {@code etcd} on the etcd client port: how Pilothouse finds an etcd password. */
    String pgpassLines(String host, int port) {
        StringBuilder out = new StringBuilder();
        byUser().forEach((user, password) -> out.append(PgPassWriter.escape(host)).append(':').append(port)
                .append(":etcd:").append(PgPassWriter.escape(user)).append(':').append(PgPassWriter.escape(password))
                .append('\n'));
        return out.toString();
    }

    @Override
    public String toString() {
        return "EtcdUsers[" + String.join(", ", byUser().keySet()) + "; passwords hidden]";
    }
}
