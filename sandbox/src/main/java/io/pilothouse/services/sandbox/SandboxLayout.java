package io.pilothouse.services.sandbox;

import java.nio.file.Path;

/** Where each file of a sandbox lives, so that no other class spells a path. */
record SandboxLayout(Path dir) {

    Path stateFile() {
        return dir.resolve("sandbox.json");
    }

    Path workspaceFile() {
        return dir.resolve("workspace.yaml");
    }

    /** The CA, server and client certificates of a {@code --tls} sandbox. */
    Path tlsDir() {
        return dir.resolve("tls");
    }

    Path passfile() {
        return dir.resolve("pgpass");
    }

    Path logs() {
        return dir.resolve("logs");
    }

    Path etcdData() {
        return dir.resolve("etcd");
    }

    Path etcdConfig() {
        return dir.resolve("etcd.yml");
    }

    Path etcdLog() {
        return logs().resolve("etcd.log");
    }

    Path haproxyConfig() {
        return dir.resolve("haproxy.cfg");
    }

    Path haproxyLog() {
        return logs().resolve("haproxy.log");
    }

    /** PgBouncer's own directory: config, auth file, pid file; its unix socket is off. */
    Path pgbouncerDir() {
        return dir.resolve("pgbouncer");
    }

    Path pgbouncerConfig() {
        return pgbouncerDir().resolve("pgbouncer.ini");
    }

    /** PgBouncer's {@code auth_file}: the roles' passwords in clear text, owner-only. */
    Path pgbouncerAuthFile() {
        return pgbouncerDir().resolve("userlist.txt");
    }

    Path pgbouncerPidFile() {
        return pgbouncerDir().resolve("pgbouncer.pid");
    }

    Path pgbouncerLog() {
        return logs().resolve("pgbouncer.log");
    }

    /** Pgpool-II's own directory: configs, sockets, pid and status files. */
    Path pgpoolDir() {
        return dir.resolve("pgpool");
    }

    Path pgpoolConfig() {
        return pgpoolDir().resolve("pgpool.conf");
    }

    Path pcpConfig() {
        return pgpoolDir().resolve("pcp.conf");
    }

    Path poolHbaConfig() {
        return pgpoolDir().resolve("pool_hba.conf");
    }

    /** {@code pool_passwd}: the roles' passwords Pgpool logs in to the backends with, owner-only. */
    Path poolPasswd() {
        return pgpoolDir().resolve("pool_passwd");
    }

    Path pgpoolLog() {
        return logs().resolve("pgpool.log");
    }

    Path postBootstrapScript() {
        return dir.resolve("post_bootstrap.py");
    }

    Path memberDir(String member) {
        return dir.resolve(member);
    }

    Path patroniConfig(String member) {
        return memberDir(member).resolve("patroni.yml");
    }

    /** Patroni's own pgpass for replication and rewind; kept per member so sandboxes never share one. */
    Path patroniPassfile(String member) {
        return memberDir(member).resolve("patroni.pgpass");
    }

    /** A plain sandbox member's pgpass for replication and base backups, owned by the sandbox user. */
    Path memberPassfile(String member) {
        return memberDir(member).resolve("member.pgpass");
    }

    /** Written by initdb's --pwfile and deleted right after. */
    Path initdbPasswordFile(String member) {
        return memberDir(member).resolve("initdb.pw");
    }

    Path dataDir(String member) {
        return memberDir(member).resolve("data");
    }

    Path patroniLog(String member) {
        return logs().resolve(member + ".log");
    }

    /** Relative to {@link #logs()}: it is PostgreSQL's {@code log_filename}. */
    String postgresLogName(String member) {
        return member + "-postgres.log";
    }

    Path postgresLog(String member) {
        return logs().resolve(postgresLogName(member));
    }

    /** The member's private unix socket directory; only its owner may enter, hence trust in pg_hba. */
    Path socketDir(String member) {
        return memberDir(member);
    }
}
