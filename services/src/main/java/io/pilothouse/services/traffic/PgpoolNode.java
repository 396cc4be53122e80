package io.pilothouse.services.traffic;

/**
 * One backend of Pgpool-II's {@code SHOW POOL_NODES}: what Pgpool believes beside what the server says.
 *
 * @param nodeId            {@code node_id}
 * @param address           {@code hostname:port}
 * @param member            the member at that address, or null
 * @param status            Pgpool's idea: {@code up}, {@code waiting}, {@code down}, {@code unused}
 * @param pgStatus          what the server answers: {@code up}, {@code down}, or null on old versions
 * @param weight            {@code lb_weight}
 * @param role              Pgpool's idea: {@code primary}, {@code standby}
 * @param pgRole            what the server says, or null on old versions
 * @param selectCount       {@code select_cnt}
 * @param loadBalanceNode   {@code load_balance_node}
 * @param replicationDelay  {@code replication_delay} (bytes, or seconds with {@code delay_threshold_by_time}), or null
 * @param replicationState  {@code replication_state}, or null
 * @param lastStatusChange  {@code last_status_change} as Pgpool prints it, or null
 */
public record PgpoolNode(int nodeId, String address, String member, String status, String pgStatus, double weight,
                         String role, String pgRole, long selectCount, boolean loadBalanceNode, Long replicationDelay,
                         String replicationState, String lastStatusChange) {

    /** True when Pgpool sends queries to it. */
    public boolean up() {
        return "up".equalsIgnoreCase(status) || "waiting".equalsIgnoreCase(status);
    }

    /** True when Pgpool believes it is the primary. */
    public boolean primary() {
        return "primary".equalsIgnoreCase(role);
    }
}
