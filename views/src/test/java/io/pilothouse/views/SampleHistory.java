package io.pilothouse.views;

import io.pilothouse.services.history.HistoryEntry;
import io.pilothouse.services.history.HistoryKind;
import io.pilothouse.services.model.ArchiverStatus;
import io.pilothouse.services.model.NodeSlots;
import io.pilothouse.services.model.ReplicationSlot;
import io.pilothouse.services.model.SlotFlag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Realistic slot and history data for the slots and history views, relative to {@link SampleEstates#NOW}. */
public final class SampleHistory {

    private static final Instant NOW = SampleEstates.NOW;

    private SampleHistory() {
    }

    private static Instant ago(Duration d) {
        return NOW.minus(d);
    }

    private static ReplicationSlot physical(String name, boolean active, Integer pid, long retained, Instant since,
                                            Set<SlotFlag> flags, String walStatus) {
        return new ReplicationSlot(name, "physical", null, null, false, active, pid, walStatus, null, "1A/6F000060",
                null, retained, since, flags);
    }

    /** The orders-prod leader: two replica slots, a forgotten backup slot and a CDC slot. */
    public static NodeSlots ordersLeader() {
        return new NodeSlots("pg-orders-1", false, "1A/7C3B9F28", List.of(
                physical("pg_orders_2", true, 48211, 212_992, null, Set.of(), "reserved"),
                physical("pg_orders_3", true, 48217, 934_912, null, Set.of(), "reserved"),
                physical("barman_old", false, null, 37_849_153_536L, ago(Duration.ofHours(30).plusMinutes(12)),
                        Set.of(SlotFlag.INACTIVE_RETAINING_WAL), "extended"),
                new ReplicationSlot("debezium_orders", "logical", "pgoutput", "orders", false, true, 51022, "reserved",
                        null, "1A/7C1F0000", "1A/7C3A1240", 1_703_936L, null, Set.of()),
                new ReplicationSlot("airbyte_sync", "logical", "wal2json", "orders", false, false, null, "unreserved",
                        -524_288L, "19/E2000028", "19/E2001F10", 68_719_476_736L, ago(Duration.ofDays(3)),
                        Set.of(SlotFlag.INACTIVE_RETAINING_WAL, SlotFlag.WAL_UNRESERVED))),
                new ArchiverStatus("on", 18_223, "000000040000001A0000007B", ago(Duration.ofSeconds(42)), 3,
                        "000000040000001A00000041", ago(Duration.ofHours(5)), ago(Duration.ofDays(20))), NOW);
    }

    /** A replica with a cascading slot. */
    public static NodeSlots ordersReplica() {
        return new NodeSlots("pg-orders-2", true, "1A/7C3B9E00", List.of(
                physical("pg_orders_cascade", true, 3321, 65_536, null, Set.of(), "reserved")),
                new ArchiverStatus("on", 0, null, null, 0, null, null, null), NOW);
    }

    /** A replica without slots. */
    public static NodeSlots ordersReplicaNoSlots() {
        return new NodeSlots("pg-orders-3", true, "1A/7C3B9A10", List.of(),
                new ArchiverStatus("on", 0, null, null, 0, null, null, null), NOW);
    }

    /** Leader history of orders-prod over two days, oldest first as ClusterHistory gives it. */
    public static List<HistoryEntry> ordersHistory() {
        return List.of(
                new HistoryEntry(ago(Duration.ofDays(2).plusHours(3)), HistoryKind.TIMELINE, "pg-orders-2",
                        "Timeline 2 began on pg-orders-2 at LSN 17/A3000148 (no recovery target specified)", 2),
                new HistoryEntry(ago(Duration.ofDays(1).plusHours(6)), HistoryKind.SWITCHOVER, "pg-orders-1",
                        "pg-orders-2 → pg-orders-1: pg-orders-2 released the leader key while answering; pg-orders-1 "
                                + "took it within 6 ms", null),
                new HistoryEntry(ago(Duration.ofDays(1).plusHours(6).minusSeconds(1)), HistoryKind.TIMELINE,
                        "pg-orders-1", "Timeline 3 began on pg-orders-1 at LSN 18/1C0000A0 (no recovery target "
                                + "specified)", 3),
                new HistoryEntry(ago(Duration.ofHours(5).plusMinutes(2)), HistoryKind.MEMBER_LOST, "pg-orders-1",
                        "pg-orders-1 stopped answering", null),
                new HistoryEntry(ago(Duration.ofHours(5).plusSeconds(40)), HistoryKind.FAILOVER, "pg-orders-3",
                        "pg-orders-1 → pg-orders-3: pg-orders-1 stopped answering (stale) before pg-orders-3 took over",
                        null),
                new HistoryEntry(ago(Duration.ofHours(5).plusSeconds(39)), HistoryKind.TIMELINE, "pg-orders-3",
                        "Timeline 4 began on pg-orders-3 at LSN 19/E20000A0 (no recovery target specified)", 4),
                new HistoryEntry(ago(Duration.ofHours(4).plusMinutes(31)), HistoryKind.MEMBER_JOINED, "pg-orders-1",
                        "pg-orders-1 answers again", null),
                new HistoryEntry(ago(Duration.ofMinutes(47)), HistoryKind.SWITCHOVER, "pg-orders-1",
                        "pg-orders-3 → pg-orders-1: pg-orders-3 stopped in order and handed the leader key to "
                                + "pg-orders-1", null),
                new HistoryEntry(ago(Duration.ofMinutes(47).minusSeconds(2)), HistoryKind.TIMELINE, "pg-orders-1",
                        "Timeline 5 began on pg-orders-1 at LSN 1A/3D000028 (no recovery target specified)", 5));
    }
}
