package io.pilothouse.app.wiring;

import java.util.List;

/**
 * Loads the SQL stack's classes (PostgreSQL JDBC, HikariCP) on a thread of its own while the etcd channel and the
 * REST reads are being set up, so that the first SQL read does not start by loading them: on a fresh JVM that is
 * several hundred classes, otherwise loaded only once the members are known. Purely a head start: a class that is
 * missing or fails here is loaded (and reported) by its real user later.
 */
final class ClassPrewarm {

    /** Entry points whose loading and initialisation pull in most of what the first SQL read needs. */
    private static final List<String> SQL_CLASSES = List.of(
            "org.postgresql.Driver",
            "org.postgresql.jdbc.PgConnection",
            "org.postgresql.core.v3.ConnectionFactoryImpl",
            "org.postgresql.core.v3.QueryExecutorImpl",
            "org.postgresql.jdbc.PgPreparedStatement",
            "org.postgresql.jdbc.PgResultSet",
            "org.postgresql.util.PSQLException",
            "com.zaxxer.hikari.HikariConfig",
            "com.zaxxer.hikari.HikariDataSource",
            "com.zaxxer.hikari.pool.HikariPool");

    private ClassPrewarm() {
    }

    /** Loads {@link #SQL_CLASSES} on {@code executor} (a pool of daemon threads); returns at once. */
    static void sqlOn(java.util.concurrent.Executor executor) {
        executor.execute(ClassPrewarm::loadSql);
    }

    private static void loadSql() {
        ClassLoader loader = ClassPrewarm.class.getClassLoader();
        for (String name : SQL_CLASSES) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // Only a head start: the real user loads it again and reports what is wrong.
            }
        }
    }
}
