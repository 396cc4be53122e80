package io.pilothouse.services.model;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One member of a cluster as last observed, merged from every source.
 *
 * @param name            Patroni member name (also the replication {@code application_name})
 * @param role            normalised role
 * @param state           Patroni's state of the member's PostgreSQL
 * @param host            PostgreSQL host
 * @param port            PostgreSQL port (0 if unknown)
 * @param apiUrl          Patroni REST base URL (without {@code /patroni}), may be null
 * @param timeline        timeline, or null if unknown
 * @param tags            Patroni tags as strings ({@code nofailover=true}, {@code replicatefrom=node2}, …)
 * @param pendingRestart  true when a restart is needed for a changed setting
 * @param upstream        the member this one replicates from, or null for the leader or when unknown
 * @param patroniLag      Patroni's own lag figure (the DCS view, up to {@code loop_wait} old)
 * @param sqlLagBytes     bytes between the leader's current WAL position and this replica's replay position, from SQL
 * @param sqlLagSeconds   replay delay in seconds, from SQL ({@code replay_lag}), or null
 * @param syncState       {@code pg_stat_replication.sync_state} for this replica ({@code async}, {@code sync}, …), or null
 * @param replicationState {@code pg_stat_replication.state} for this replica ({@code streaming}, {@code catchup}, …), or null
 * @param postgresVersion PostgreSQL version, e.g. {@code 15.18}, or null
 * @param patroniVersion  Patroni version, e.g. {@code 3.0.2}, or null
 * @param freshness       how current this member's data is (worst of its REST and SQL reads)
 * @param lastSeen        when any source last read this member successfully, or null
 * @param backends        client backends on this node ({@code sum(numbackends)} of {@code pg_stat_database}), or null
 * @param patroniPositions Patroni 4.1's receive and replay positions and lags for a replica; {@link ReplicaPositions#NONE}
 *                        when not reported
 */
public record Member(
        String name,
        MemberRole role,
        MemberState state,
        String host,
        int port,
        String apiUrl,
        Integer timeline,
        Map<String, String> tags,
        boolean pendingRestart,
        String upstream,
        ReportedLag patroniLag,
        Long sqlLagBytes,
        Double sqlLagSeconds,
        String syncState,
        String replicationState,
        String postgresVersion,
        String patroniVersion,
        Freshness freshness,
        Instant lastSeen,
        Long backends,
        ReplicaPositions patroniPositions) {

    public Member {
        tags = tags == null ? Map.of() : Map.copyOf(new TreeMap<>(tags));
        role = role == null ? MemberRole.UNKNOWN : role;
        state = state == null ? MemberState.UNKNOWN : state;
        patroniLag = patroniLag == null ? ReportedLag.NONE : patroniLag;
        freshness = freshness == null ? Freshness.UNKNOWN : freshness;
        patroniPositions = patroniPositions == null ? ReplicaPositions.NONE : patroniPositions;
    }

    /** A member without Patroni 4.1's receive and replay figures. */
    public Member(String name, MemberRole role, MemberState state, String host, int port, String apiUrl,
                  Integer timeline, Map<String, String> tags, boolean pendingRestart, String upstream,
                  ReportedLag patroniLag, Long sqlLagBytes, Double sqlLagSeconds, String syncState,
                  String replicationState, String postgresVersion, String patroniVersion, Freshness freshness,
                  Instant lastSeen, Long backends) {
        this(name, role, state, host, port, apiUrl, timeline, tags, pendingRestart, upstream, patroniLag,
                sqlLagBytes, sqlLagSeconds, syncState, replicationState, postgresVersion, patroniVersion, freshness,
                lastSeen, backends, ReplicaPositions.NONE);
    }

    /** A member without a connection count (sources that do not read SQL). */
    public Member(String name, MemberRole role, MemberState state, String host, int port, String apiUrl,
                  Integer timeline, Map<String, String> tags, boolean pendingRestart, String upstream,
                  ReportedLag patroniLag, Long sqlLagBytes, Double sqlLagSeconds, String syncState,
                  String replicationState, String postgresVersion, String patroniVersion, Freshness freshness,
                  Instant lastSeen) {
        this(name, role, state, host, port, apiUrl, timeline, tags, pendingRestart, upstream, patroniLag,
                sqlLagBytes, sqlLagSeconds, syncState, replicationState, postgresVersion, patroniVersion, freshness,
                lastSeen, null);
    }

    /** True when a boolean Patroni tag is set to true. */
    public boolean hasTag(String tag) {
        return "true".equalsIgnoreCase(tags.get(tag));
    }

    /** {@code host:port} for display. */
    public String endpoint() {
        return host == null ? "?" : host + ":" + port;
    }

    /** A builder starting from this member's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder for a member with the given name and nothing else known. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Mutable builder used while merging sources; the model itself stays immutable. */
    public static final class Builder {
        private String name;
        private MemberRole role = MemberRole.UNKNOWN;
        private MemberState state = MemberState.UNKNOWN;
        private String host;
        private int port;
        private String apiUrl;
        private Integer timeline;
        private Map<String, String> tags = Map.of();
        private boolean pendingRestart;
        private String upstream;
        private ReportedLag patroniLag = ReportedLag.NONE;
        private Long sqlLagBytes;
        private Double sqlLagSeconds;
        private String syncState;
        private String replicationState;
        private String postgresVersion;
        private String patroniVersion;
        private Freshness freshness = Freshness.UNKNOWN;
        private Instant lastSeen;
        private Long backends;
        private ReplicaPositions patroniPositions = ReplicaPositions.NONE;

        private Builder(String name) {
            this.name = name;
        }

        private Builder(Member m) {
            name = m.name; role = m.role; state = m.state; host = m.host; port = m.port; apiUrl = m.apiUrl;
            timeline = m.timeline; tags = m.tags; pendingRestart = m.pendingRestart; upstream = m.upstream;
            patroniLag = m.patroniLag; sqlLagBytes = m.sqlLagBytes; sqlLagSeconds = m.sqlLagSeconds;
            syncState = m.syncState; replicationState = m.replicationState; postgresVersion = m.postgresVersion;
            patroniVersion = m.patroniVersion; freshness = m.freshness; lastSeen = m.lastSeen;
            backends = m.backends; patroniPositions = m.patroniPositions;
        }

        public Builder name(String v) { name = v; return this; }
        public Builder role(MemberRole v) { role = v; return this; }
        public Builder state(MemberState v) { state = v; return this; }
        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder apiUrl(String v) { apiUrl = v; return this; }
        public Builder timeline(Integer v) { timeline = v; return this; }
        public Builder tags(Map<String, String> v) { tags = v; return this; }
        public Builder pendingRestart(boolean v) { pendingRestart = v; return this; }
        public Builder upstream(String v) { upstream = v; return this; }
        public Builder patroniLag(ReportedLag v) { patroniLag = v; return this; }
        public Builder sqlLagBytes(Long v) { sqlLagBytes = v; return this; }
        public Builder sqlLagSeconds(Double v) { sqlLagSeconds = v; return this; }
        public Builder syncState(String v) { syncState = v; return this; }
        public Builder replicationState(String v) { replicationState = v; return this; }
        public Builder postgresVersion(String v) { postgresVersion = v; return this; }
        public Builder patroniVersion(String v) { patroniVersion = v; return this; }
        public Builder freshness(Freshness v) { freshness = v; return this; }
        public Builder lastSeen(Instant v) { lastSeen = v; return this; }
        public Builder backends(Long v) { backends = v; return this; }
        public Builder patroniPositions(ReplicaPositions v) { patroniPositions = v; return this; }

        public String name() { return name; }
        public MemberRole role() { return role; }
        public String host() { return host; }
        public int port() { return port; }
        public Map<String, String> tags() { return tags; }

        public Member build() {
            return new Member(name, role, state, host, port, apiUrl, timeline, tags, pendingRestart, upstream,
                    patroniLag, sqlLagBytes, sqlLagSeconds, syncState, replicationState, postgresVersion,
                    patroniVersion, freshness, lastSeen, backends, patroniPositions);
        }
    }
}
