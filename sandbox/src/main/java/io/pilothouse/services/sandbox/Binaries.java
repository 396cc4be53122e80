package io.pilothouse.services.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The executables a sandbox runs: Debian 12 package locations. */
record Binaries(Path pgBinDir, Path patroni, Path etcd, Path haproxy, Path python, Path pgbouncer, Path pgpool) {

    Binaries(Path pgBinDir, Path patroni, Path etcd, Path haproxy, Path python) {
        this(pgBinDir, patroni, etcd, haproxy, python, Path.of("/usr/sbin/pgbouncer"), Path.of("/usr/sbin/pgpool"));
    }


    static Binaries debian() {
        return new Binaries(Path.of("/usr/lib/postgresql/15/bin"), Path.of("/usr/bin/patroni"),
                Path.of("/usr/bin/etcd"), Path.of("/usr/sbin/haproxy"), Path.of("/usr/bin/python3"));
    }

    /** Fails before anything starts, naming every missing executable and its Debian package. */
    void verify(boolean withHaproxy) {
        verify(withHaproxy, false);
    }

    /** As {@link #verify(boolean)}, also checking PgBouncer and Pgpool-II when {@code withPoolers}. */
    void verify(boolean withHaproxy, boolean withPoolers) {
        List<String> missing = new ArrayList<>();
        check(pgBinDir.resolve("postgres"), "postgresql-15", missing);
        check(pgBinDir.resolve("psql"), "postgresql-client-15", missing);
        check(patroni, "patroni", missing);
        check(etcd, "etcd-server", missing);
        check(python, "python3", missing);
        if (withHaproxy) {
            check(haproxy, "haproxy", missing);
        }
        if (withPoolers) {
            check(pgbouncer, "pgbouncer", missing);
            check(pgpool, "pgpool2", missing);
        }
        if (!missing.isEmpty()) {
            throw new SandboxException("Cannot start a sandbox: " + String.join("; ", missing));
        }
    }

    /** As {@link #verify}, for a plain sandbox: PostgreSQL only. */
    void verifyPostgres() {
        List<String> missing = new ArrayList<>();
        check(pgBinDir.resolve("postgres"), "postgresql-15", missing);
        check(pgBinDir.resolve("pg_basebackup"), "postgresql-client-15", missing);
        if (!missing.isEmpty()) {
            throw new SandboxException("Cannot start a plain sandbox: " + String.join("; ", missing));
        }
    }

    private static void check(Path executable, String debianPackage, List<String> missing) {
        if (!Files.isExecutable(executable)) {
            missing.add(executable + " not found (install the Debian package " + debianPackage + ")");
        }
    }
}
