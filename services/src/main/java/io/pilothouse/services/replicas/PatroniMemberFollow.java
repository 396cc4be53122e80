package io.pilothouse.services.replicas;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberState;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Follows a new Patroni member in the live model until it streams. Patroni registers a member within a loop or two
 * of its start and then copies, so the wait is long only while a copy runs: a Patroni process that exited fails the
 * step within a few seconds with the end of its log, and a member that never registers (no etcd reached) fails it
 * after {@link #REGISTER_LIMIT}, not after the whole {@link #UNTIL_STREAMING}.
 */
final class PatroniMemberFollow {

    /** The whole wait: a large copy takes long. */
    static final Duration UNTIL_STREAMING = Duration.ofMinutes(30);
    /** How long a running Patroni may go without its member key appearing. */
    static final Duration REGISTER_LIMIT = Duration.ofSeconds(120);
    /** How often the target is asked whether Patroni still runs. */
    static final Duration ALIVE_EVERY = Duration.ofSeconds(2);

    private final ClusterSnapshot cluster;
    private final String name;
    private final PatroniMembers patroni;
    private final TargetHost host;
    private final String pidFile;
    private final String log;

    PatroniMemberFollow(ClusterSnapshot cluster, String name, PatroniMembers patroni, TargetHost host,
                        String pidFile, String log) {
        this.cluster = cluster;
        this.name = name;
        this.patroni = patroni;
        this.host = host;
        this.pidFile = pidFile;
        this.log = log;
    }

    /** The preview's line. */
    String describe() {
        return "the live model shows " + name + " streaming; meanwhile on the target every " + ALIVE_EVERY.toSeconds()
                + " s: " + liveness().describe();
    }

    /** Returns the report's note once the member streams; throws in words when Patroni exited or time ran out. */
    String await(Consumer<String> progress) throws Exception {
        long start = System.nanoTime();
        TargetLiveness liveness = liveness();
        boolean registered = false;
        MemberState last = null;
        boolean told = false;
        while (PlanRunner.since(start).compareTo(UNTIL_STREAMING) < 0) {
            Optional<Member> m = patroni.latest(cluster).flatMap(c -> c.member(name));
            MemberState state = m.map(Member::state).orElse(null);
            registered |= m.isPresent();
            if (!told || state != last) {
                progress.accept("   " + name + ": " + (state == null ? "not registered yet" : state));
                last = state;
                told = true;
            }
            if (m.isPresent() && streams(m.get())) {
                return name + " streams from " + m.get().upstream() + " after " + PlanRunner.since(start).toMillis()
                        + " ms (live model)";
            }
            if (state == MemberState.START_FAILED || state == MemberState.CRASHED) {
                throw new PlanRunner.StepFailedException(name + " is " + state + "; see " + log + " on the target");
            }
            liveness.check("Patroni exited on the target before " + name + " streamed; the end of " + log + ": ");
            if (!registered && PlanRunner.since(start).compareTo(REGISTER_LIMIT) > 0) {
                throw new PlanRunner.StepFailedException(name + " did not register in etcd within "
                        + REGISTER_LIMIT.toSeconds() + " s although Patroni runs (can it reach etcd from the "
                        + "target?); the end of " + log + ": " + liveness.logTail());
            }
            Thread.sleep(250);
        }
        throw new PlanRunner.StepFailedException(name + " did not stream within " + UNTIL_STREAMING.toMinutes()
                + " min; see " + log + " on the target");
    }

    /**
     * True when the live model shows the member streaming: Patroni 3.1+ says {@code streaming}; 3.0 says
     * {@code running}, and its upstream's pg_stat_replication says {@code streaming}.
     */
    static boolean streams(Member m) {
        return m.state() == MemberState.STREAMING || (m.state() == MemberState.RUNNING
                && "streaming".equals(m.replicationState()));
    }

    private TargetLiveness liveness() {
        return new TargetLiveness(host, PatroniReplicaPlan.patroniRuns(host, pidFile),
                host.asServer(List.of("tail", "-n", "5", "--", log)), ALIVE_EVERY);
    }
}
