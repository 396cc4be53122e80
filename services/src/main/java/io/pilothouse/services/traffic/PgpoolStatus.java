package io.pilothouse.services.traffic;

import java.util.List;

/**
 * A Pgpool-II as last read.
 *
 * @param address {@code host:port}
 * @param pcpPort its PCP port, or null
 * @param status  how the last read went
 * @param nodes   {@code SHOW POOL_NODES}
 */
public record PgpoolStatus(String address, Integer pcpPort, ComponentStatus status, List<PgpoolNode> nodes) {

    public PgpoolStatus {
        nodes = List.copyOf(nodes);
    }
}
