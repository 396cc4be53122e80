package io.pilothouse.views.topology;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.ScheduledSwitchover;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SyncReplication;
import io.pilothouse.views.Tone;
import io.pilothouse.views.format.DurationFormat;
import io.pilothouse.views.format.SourceStatusText;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Decides which banners a cluster snapshot needs, most alarming first. Pure. */
public final class Banners {

    /** The lease warning fires below this fraction of the ttl: Patroni renews every loop_wait (ttl/3 by default). */
    private static final double LEASE_WARN_FRACTION = 1.0 / 3.0;

    private Banners() {
    }

    /**
     * @param cluster the snapshot shown
     * @param now     the current time (for ages and "in 5 min")
     * @param zone    zone for times of day
     */
    public static List<Banner> of(ClusterSnapshot cluster, Instant now, ZoneId zone) {
        List<Banner> out = new ArrayList<>();
        staleData(cluster, now).ifPresent(out::add);
        if (cluster.sync().writesBlocked()) {
            // The title says "Writes blocked" already; the message gives the why and the way out.
            out.add(new Banner(BannerKind.WRITES_BLOCKED, Tone.DANGER, "Writes blocked",
                    SyncReplication.WRITES_BLOCKED.substring("Writes blocked: ".length()) + " Rule in force: "
                            + cluster.sync().rule() + "."));
        }
        // The writes-blocked problem has its own banner above.
        List<String> problems = cluster.problems().stream().filter(p -> !p.equals(SyncReplication.WRITES_BLOCKED))
                .toList();
        if (!problems.isEmpty()) {
            out.add(new Banner(BannerKind.REPLICATION_PROBLEM, Tone.DANGER, "Replication broken",
                    String.join(" ", problems)));
        }
        if (!cluster.consistency().isEmpty()) {
            boolean critical = cluster.consistency().stream().anyMatch(p -> p.kind().critical());
            out.add(new Banner(BannerKind.DCS_NODE_DISAGREEMENT, critical ? Tone.DANGER : Tone.WARN,
                    "DCS and nodes disagree (" + cluster.consistency().size() + ")",
                    String.join(" · ", cluster.consistency().stream()
                            .map(io.pilothouse.services.model.ConsistencyProblem::message).toList())));
        }
        boolean managed = cluster.sources().containsKey(SourceKind.PATRONI_REST)
                || cluster.sources().containsKey(SourceKind.ETCD);
        if (cluster.leader() == null && !managed) {
            out.add(new Banner(BannerKind.NO_LEADER, Tone.DANGER, "No primary",
                    "Every node is in recovery (or unreachable): nothing accepts writes until one is promoted."));
        } else if (cluster.leader() == null) {
            out.add(new Banner(BannerKind.NO_LEADER, Tone.DANGER, "No leader",
                    cluster.paused()
                            ? "No member holds the leader key and the cluster is paused, so Patroni will not elect "
                              + "one: writes fail until a member is promoted or the cluster is resumed."
                            : "No member holds the leader key: writes fail until Patroni elects a new leader."));
        }
        if (cluster.dcsUnreachable() && cluster.topologyFreshness() == Freshness.LIVE) {
            out.add(new Banner(BannerKind.DCS_UNREACHABLE, Tone.DANGER, "DCS unreachable",
                    "etcd does not answer: members and roles come from each member's Patroni REST and PostgreSQL. "
                            + "Patroni cannot renew the leader key, so the leader may demote itself."));
        }
        List<String> lostMembers = cluster.members().stream()
                .filter(m -> m.state() == io.pilothouse.services.model.MemberState.LOST)
                .map(m -> m.name() + (m.lastSeen() == null ? "" : " (lost since "
                        + io.pilothouse.views.format.TimeFormat.absolute(m.lastSeen(), now, zone)
                        + ")")).toList();
        if (!lostMembers.isEmpty()) {
            out.add(new Banner(BannerKind.MEMBER_LOST, Tone.DANGER, "Member missing",
                    String.join(", ", lostMembers) + ": no source names " + (lostMembers.size() == 1 ? "it" : "them")
                            + " any more and " + (lostMembers.size() == 1 ? "it does" : "they do")
                            + " not answer. Shown until back."));
        }
        leaseExpiring(cluster).ifPresent(out::add);
        if (cluster.paused()) {
            out.add(new Banner(BannerKind.PAUSED, Tone.WARN, "Maintenance mode",
                    "Patroni is paused: it will not fail over automatically until the cluster is resumed."));
        }
        if (cluster.scheduledSwitchover() != null) {
            out.add(new Banner(BannerKind.SCHEDULED_SWITCHOVER, Tone.INFO, "Switchover scheduled",
                    describe(cluster.scheduledSwitchover(), now, zone)));
        }
        out.sort(Comparator.comparing(Banner::tone).reversed());
        return List.copyOf(out);
    }

    private static Optional<Banner> staleData(ClusterSnapshot c, Instant now) {
        Freshness f = c.topologyFreshness();
        if (f == Freshness.LIVE) {
            return Optional.empty();
        }
        if (f == Freshness.UNKNOWN) {
            return Optional.of(new Banner(BannerKind.STALE_DATA, Tone.WARN, "No live data yet",
                    "Neither etcd nor Patroni's REST API has answered yet: nothing below is confirmed."));
        }
        List<String> lost = new ArrayList<>();
        for (SourceKind k : SourceKind.values()) {
            String s = SourceStatusText.lost(c.sourceStatus(k), now);
            if (s != null) {
                lost.add(s);
            }
        }
        String msg = String.join("; ", lost) + ". What you see is the last known state.";
        Tone tone = f == Freshness.UNREACHABLE ? Tone.DANGER : Tone.WARN;
        return Optional.of(new Banner(BannerKind.STALE_DATA, tone, "Data is stale", msg));
    }

    private static Optional<Banner> leaseExpiring(ClusterSnapshot c) {
        Long left = c.leaderLeaseSecondsLeft();
        Long ttl = c.ttlSeconds();
        if (c.leader() == null || left == null || ttl == null || ttl <= 0 || left >= ttl * LEASE_WARN_FRACTION) {
            return Optional.empty();
        }
        return Optional.of(new Banner(BannerKind.LEASE_EXPIRING, Tone.WARN, "Leader lease expiring",
                c.leader() + "'s leader key expires in " + Math.max(0, left) + " s (ttl " + ttl
                        + " s) unless its Patroni renews it; then a failover starts."));
    }

    private static String describe(ScheduledSwitchover s, Instant now, ZoneId zone) {
        String when = "at " + s.at();
        OffsetDateTime at = parse(s.at());
        if (at != null) {
            Instant i = at.toInstant();
            String rel = i.isAfter(now) ? "in " + DurationFormat.age(Duration.between(now, i))
                    : "due " + DurationFormat.ago(i, now);
            when = "at " + DurationFormat.clock(i, zone) + " (" + rel + ")";
        }
        String from = s.from() == null ? "" : " from " + s.from();
        String to = s.to() == null ? " to a member Patroni picks" : " to " + s.to();
        return "Patroni will switch over " + when + from + to + ".";
    }

    private static OffsetDateTime parse(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            // Patroni writes "2024-05-01T14:30:00+00:00", older versions sometimes with a space for the T.
            return OffsetDateTime.parse(Objects.requireNonNull(iso).trim().replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
