package io.pilothouse.services.traffic;

import java.util.List;
import java.util.Map;

/** Turns PgBouncer's admin-console answers (rows by column name) into records; absent columns read as 0/null. */
final class PgbouncerRows {

    /** The admin console's own virtual database: not an entry point. */
    static final String CONSOLE = "pgbouncer";

    private PgbouncerRows() {}

    static List<PgbouncerDatabase> databases(List<Map<String, String>> rows) {
        return rows.stream().filter(r -> !CONSOLE.equals(Rows.text(r, "name")))
                .map(r -> new PgbouncerDatabase(Rows.text(r, "name"), Rows.text(r, "host"),
                        (int) Rows.number(r, "port"), Rows.text(r, "database"), (int) Rows.number(r, "pool_size"),
                        (int) Rows.number(r, "current_connections"), Rows.flag(r, "paused"),
                        Rows.flag(r, "disabled")))
                .toList();
    }

    static List<PgbouncerPool> pools(List<Map<String, String>> rows) {
        return rows.stream().filter(r -> !CONSOLE.equals(Rows.text(r, "database")))
                .map(r -> new PgbouncerPool(Rows.text(r, "database"), Rows.text(r, "user"),
                        (int) Rows.number(r, "cl_active"), (int) Rows.number(r, "cl_waiting"),
                        (int) Rows.number(r, "sv_active"), (int) Rows.number(r, "sv_idle"),
                        (int) Rows.number(r, "sv_used"),
                        Rows.number(r, "maxwait") * 1_000_000L + Rows.number(r, "maxwait_us"),
                        Rows.text(r, "pool_mode")))
                .toList();
    }

    static List<PgbouncerServer> servers(List<Map<String, String>> rows, MemberIndex members) {
        return rows.stream().map(r -> {
            String address = Rows.text(r, "addr") == null ? null
                    : MemberIndex.address(Rows.text(r, "addr"), (int) Rows.number(r, "port"));
            return new PgbouncerServer(Rows.text(r, "database"), Rows.text(r, "user"), Rows.text(r, "state"),
                    address, members.memberAt(address));
        }).toList();
    }
}
