package io.pilothouse.app.json;

import io.pilothouse.services.alerts.ActiveAlerts;
import io.pilothouse.services.alerts.Alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.NodeSlots;
import io.pilothouse.services.model.ScheduledSwitchover;
import io.pilothouse.services.model.SourceStatus;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code snapshot --json} document. Field names are a public contract for scripts: add fields, never rename.
 *
 * @param workspace  workspace name
 * @param readOnly   read-only workspace
 * @param observedAt when the estate snapshot was published; null when nothing was read at all
 * @param clusters   clusters
 * @param gaps       what keeps this from being the whole truth (a source or member that did not answer, a lost
 *                   member, an unreachable DCS), one line each; empty when every source and member answered live
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EstateJson(String workspace, boolean readOnly, Instant observedAt, List<ClusterJson> clusters,
                         List<String> gaps) {

    /**
     * One cluster; {@code problems} says in words what is wrong with a plain cluster's shape (empty otherwise);
     * {@code consistency} lists where the DCS and a Patroni cluster's nodes disagree (empty when they agree).
     */
    public record ClusterJson(String source, String scope, String leader, Integer timeline, boolean paused,
                              ScheduledSwitchover scheduledSwitchover, Long leaderLeaseSecondsLeft, Long ttlSeconds,
                              Long maximumLagOnFailover, String freshness, Map<String, SourceJson> sources,
                              List<MemberJson> members, List<NodeSlots> slots, List<String> problems,
                              List<AlertJson> alerts, String dcs, SyncJson sync,
                              List<ConsistencyJson> consistency) {
    }

    /**
     * Synchronous replication of a cluster.
     *
     * @param mode          {@code async}, {@code sync} or {@code quorum} ({@code synchronous_mode})
     * @param strict        {@code synchronous_mode_strict}
     * @param nodeCount     {@code synchronous_node_count}, or null
     * @param standbys      the DCS {@code sync} key's members (sync standbys, or quorum voters)
     * @param quorum        the {@code sync} key's {@code quorum}, or null
     * @param required      how many standbys must confirm a commit, or null when not known
     * @param standbyNames  the leader's {@code synchronous_standby_names}, or null when not read
     * @param rule          the rule in words: {@code ANY 1 of node2, node3}, {@code 2 sync standbys: node2, node3},
     *                      {@code async}
     * @param writesBlocked strict mode with nobody to confirm commits
     */
    public record SyncJson(String mode, boolean strict, Integer nodeCount, List<String> standbys, Integer quorum,
                           Integer required, String standbyNames, String rule, boolean writesBlocked) {
        static SyncJson of(io.pilothouse.services.model.SyncReplication s) {
            return new SyncJson(lower(s.mode().name()), s.strict(), s.nodeCount(), s.standbys(), s.quorum(),
                    s.required(), s.standbyNames(), s.rule(), s.writesBlocked());
        }
    }

    /**
     * One disagreement between the DCS and a node (Patroni clusters).
     *
     * @param kind    {@code leader-in-recovery}, {@code split-brain-risk}, {@code sync-key-vs-standby-names},
     *                {@code sync-key-vs-sync-state}, {@code member-not-answering}, {@code no-member-key},
     *                {@code setting-differs}
     * @param member  the member it is about, or null
     * @param message what was seen, in words
     * @param critical true when writes may be lost or refused because of it
     */
    public record ConsistencyJson(String kind, String member, String message, boolean critical) {
        static ConsistencyJson of(io.pilothouse.services.model.ConsistencyProblem p) {
            return new ConsistencyJson(p.kind().key(), p.member(), p.message(), p.kind().critical());
        }
    }

    /**
     * One active alert of a cluster (the same fields {@code watch --json} prints with ALERT_RAISED/ALERT_CLEARED).
     *
     * @param id       stable identity of the condition
     * @param severity {@code warning} or {@code critical}
     * @param rule     {@code replica-lag}, {@code slot-retaining-wal}, …
     * @param member   affected member, or null for the cluster
     * @param message  what is wrong, with the figure and the threshold
     * @param since    when the condition was first seen
     */
    public record AlertJson(String id, String severity, String rule, String member, String message, Instant since) {
        /** The JSON form of an alert. */
        public static AlertJson of(Alert a) {
            return new AlertJson(a.id(), a.severity().label(), a.rule().key(), a.member(), a.message(), a.since());
        }
    }

    /** One source's health. */
    public record SourceJson(String freshness, Instant lastSuccess, String lastError) {
    }

    /**
     * One member. {@code lagBytes} is the SQL figure when SQL is configured, else Patroni's; {@code patroniLag} is
     * always Patroni's own (a number, {@code "unknown"}, or null). {@code receiveLagBytes}, {@code replayLagBytes},
     * {@code receiveLsn} and {@code replayLsn} are Patroni 4.1's receive and replay figures (null before 4.1).
     */
    public record MemberJson(String name, String role, String state, String host, int port, Integer timeline,
                             String upstream, Long lagBytes, Double lagSeconds, Map<String, String> tags,
                             String patroniLag, Long sqlLagBytes, String syncState, String replicationState,
                             boolean pendingRestart, String postgresVersion, String patroniVersion, String apiUrl,
                             String freshness, Instant lastSeen, Long receiveLagBytes, Long replayLagBytes,
                             String receiveLsn, String replayLsn) {
    }

    /** Maps the live model to the document. */
    public static EstateJson of(EstateSnapshot estate) {
        return of(estate, ActiveAlerts.NONE);
    }

    /** Maps the live model and its active alerts to the document. */
    public static EstateJson of(EstateSnapshot estate, ActiveAlerts alerts) {
        return of(estate, alerts, io.pilothouse.services.live.SnapshotGaps.of(estate));
    }

    /** As {@link #of(EstateSnapshot, ActiveAlerts)}, with the gaps a one-shot read found (see {@code gaps}). */
    public static EstateJson of(EstateSnapshot estate, ActiveAlerts alerts, List<String> gaps) {
        // Version 0 is the empty estate before any read: its time is no observation (it used to print 1970).
        return new EstateJson(estate.workspaceName(), estate.readOnly(),
                estate.version() == 0 ? null : estate.observedAt(),
                estate.clusters().stream().map(c -> cluster(c, alerts)).toList(), List.copyOf(gaps));
    }

    private static ClusterJson cluster(ClusterSnapshot c, ActiveAlerts alerts) {
        Map<String, SourceJson> sources = new LinkedHashMap<>();
        c.sources().forEach((k, v) -> sources.put(lower(k.name()), source(v)));
        return new ClusterJson(c.source(), c.scope(), c.leader(), c.timeline(), c.paused(), c.scheduledSwitchover(),
                c.leaderLeaseSecondsLeft(), c.ttlSeconds(), c.maximumLagOnFailover(), lower(c.topologyFreshness().name()),
                sources, c.members().stream().map(EstateJson::member).toList(), c.slots(), c.problems(),
                alerts.forCluster(c.source(), c.scope()).stream().map(AlertJson::of).toList(),
                !c.sources().containsKey(io.pilothouse.services.model.SourceKind.ETCD) ? null
                        : c.dcsUnreachable() ? "unreachable" : "reachable",
                SyncJson.of(c.sync()),
                c.consistency().stream().map(ConsistencyJson::of).toList());
    }

    private static SourceJson source(SourceStatus s) {
        return new SourceJson(lower(s.freshness().name()), s.lastSuccess(), s.lastError());
    }

    private static MemberJson member(Member m) {
        Long lagBytes = m.sqlLagBytes() != null ? m.sqlLagBytes() : m.patroniLag().bytes();
        String patroniLag = m.patroniLag().unknown() ? "unknown"
                : m.patroniLag().bytes() == null ? null : m.patroniLag().bytes().toString();
        return new MemberJson(m.name(), lower(m.role().name()), m.state().label(), m.host(), m.port(), m.timeline(),
                m.upstream(), m.role().isLeaderLike() ? null : lagBytes, m.sqlLagSeconds(), m.tags(), patroniLag,
                m.sqlLagBytes(), m.syncState(), m.replicationState(), m.pendingRestart(), m.postgresVersion(),
                m.patroniVersion(), m.apiUrl(), lower(m.freshness().name()), m.lastSeen(),
                m.patroniPositions().receiveLag().bytes(), m.patroniPositions().replayLag().bytes(),
                m.patroniPositions().receiveLsn(), m.patroniPositions().replayLsn());
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
