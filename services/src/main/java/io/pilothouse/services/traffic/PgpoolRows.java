package io.pilothouse.services.traffic;

import java.util.List;
import java.util.Map;

/** Turns {@code SHOW POOL_NODES} rows (by column name) into records; columns older versions lack read as null. */
final class PgpoolRows {

    private PgpoolRows() {}

    static List<PgpoolNode> nodes(List<Map<String, String>> rows, MemberIndex members) {
        return rows.stream().map(r -> {
            String address = MemberIndex.address(Rows.text(r, "hostname"), (int) Rows.number(r, "port"));
            return new PgpoolNode((int) Rows.number(r, "node_id"), address, members.memberAt(address),
                    Rows.text(r, "status"), Rows.text(r, "pg_status"), Rows.decimal(r, "lb_weight"),
                    Rows.text(r, "role"), Rows.text(r, "pg_role"), Rows.number(r, "select_cnt"),
                    Rows.flag(r, "load_balance_node"), Rows.optionalNumber(r, "replication_delay"),
                    Rows.text(r, "replication_state"), Rows.text(r, "last_status_change"));
        }).toList();
    }
}
