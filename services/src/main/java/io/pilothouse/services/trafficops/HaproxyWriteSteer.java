package io.pilothouse.services.trafficops;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Points HAProxy's write backends at a promoted candidate the moment it accepts writes, instead of waiting for
 * HAProxy's own health checks ({@code inter} x {@code rise} on Patroni's {@code /primary}) to notice: the old leader's
 * server is forced down and the candidate's up ({@code set server B/S health down|up}, runtime API).
 *
 * <p>Only the health of the check is forced, never the admin state: the next health check (a second later in the
 * sandbox) judges each server again, so nothing can stay steered by mistake and there is no maintenance mode to
 * restore; if the old leader were somehow primary again its check would bring it back at once. A write backend is
 * one in which exactly the leader's server is up before the leader change (a {@code /primary}-checked backend);
 * servers are matched to members by address.
 */
public final class HaproxyWriteSteer {

    /** A write backend's two servers to steer. */
    private record Steer(String backend, String oldLeader, String candidate) {
    }

    private final HaproxyRuntime haproxy;
    private final PoolerTarget direct;
    private final Duration pollInterval;
    private volatile List<Steer> plan = List.of();

    /**
     * @param direct       opens connections to a member's own address (to see its promotion)
     * @param pollInterval how often the candidate is asked whether it is still in recovery
     */
    public HaproxyWriteSteer(HaproxyRuntime haproxy, PoolerTarget direct, Duration pollInterval) {
        this.haproxy = haproxy;
        this.direct = direct;
        this.pollInterval = pollInterval;
    }

    /**
     * Before the leader change: finds the write backends (where the leader alone is up) and the candidate's server
     * in each; reads only.
     *
     * @return what will be steered, in words
     */
    public String prepare(ClusterSnapshot before, String candidate) throws TrafficSourceException {
        Member leader = before.member(before.leader()).orElse(null);
        Member next = before.member(candidate).orElse(null);
        if (leader == null || next == null) {
            plan = List.of();
            return "nothing to steer: no leader or no candidate known";
        }
        List<HaproxyServerLine> lines = HaproxyServerLine.parse(haproxy.send("show stat"));
        List<Steer> found = new ArrayList<>();
        for (String backend : lines.stream().map(HaproxyServerLine::backend).distinct().toList()) {
            List<HaproxyServerLine> servers = lines.stream().filter(l -> l.backend().equals(backend)).toList();
            List<HaproxyServerLine> up = servers.stream().filter(HaproxyServerLine::takesNewConnections).toList();
            Optional<HaproxyServerLine> newServer = servers.stream().filter(l -> at(l, next)).findFirst();
            if (up.size() == 1 && at(up.get(0), leader) && newServer.isPresent()) {
                found.add(new Steer(backend, up.get(0).server(), newServer.get().server()));
            }
        }
        plan = List.copyOf(found);
        return found.isEmpty() ? "nothing to steer: no HAProxy backend routes to " + leader.name() + " alone"
                : "will steer " + String.join(", ", found.stream().map(s -> s.backend() + " (" + s.oldLeader()
                + " down, " + s.candidate() + " up)").toList()) + " once " + candidate + " accepts writes";
    }

    /**
     * Waits until {@code candidate} itself answers {@code pg_is_in_recovery() = false}, then steers every write
     * backend found by {@link #prepare}. Gives up (steering nothing) after {@code timeout} or when
     * {@code cancelled}.
     *
     * @return what was done, in words (the runtime API's answers included)
     */
    public String steerOncePromoted(ClusterSnapshot before, String candidate, Duration timeout,
                                    BooleanSupplier cancelled) throws InterruptedException {
        List<Steer> steps = plan;
        Member next = before.member(candidate).orElse(null);
        if (steps.isEmpty() || next == null) {
            return "HAProxy not steered: nothing to steer";
        }
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!promoted(next)) {
            if (cancelled.getAsBoolean() || System.nanoTime() > deadline) {
                return "HAProxy not steered: " + candidate + " did not accept writes within "
                        + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms";
            }
            Thread.sleep(pollInterval.toMillis());
        }
        long promotedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        List<String> done = new ArrayList<>();
        for (Steer s : steps) {
            done.add(command("set server " + s.backend() + "/" + s.candidate() + " health up"));
            done.add(command("set server " + s.backend() + "/" + s.oldLeader() + " health down"));
        }
        return "HAProxy steered " + promotedMs + " ms after the request, when " + candidate
                + " accepted writes: " + String.join("; ", done);
    }

    /**
     * The steered servers as HAProxy shows them now, e.g. {@code primary/node2 UP, primary/node1 DOWN}; an error in
     * words when HAProxy does not answer.
     */
    public String readBack() {
        List<Steer> steps = plan;
        if (steps.isEmpty()) {
            return "";
        }
        try {
            List<HaproxyServerLine> lines = HaproxyServerLine.parse(haproxy.send("show stat"));
            List<String> states = new ArrayList<>();
            for (Steer s : steps) {
                for (String server : List.of(s.candidate(), s.oldLeader())) {
                    lines.stream().filter(l -> l.backend().equals(s.backend()) && l.server().equals(server))
                            .findFirst().ifPresent(l -> states.add(s.backend() + "/" + server + " " + l.status()));
                }
            }
            return String.join(", ", states);
        } catch (TrafficSourceException | IllegalArgumentException e) {
            return "HAProxy not read back: " + e.getMessage();
        }
    }

    private String command(String command) {
        try {
            String answer = haproxy.send(command).strip();
            return command + " -> " + (answer.isEmpty() ? "ok" : answer);
        } catch (TrafficSourceException e) {
            return command + " -> failed: " + e.getMessage();
        }
    }

    private boolean promoted(Member candidate) {
        try {
            return !direct.reach(candidate.host(), candidate.port()).inRecovery();
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    private static boolean at(HaproxyServerLine line, Member member) {
        int colon = line.address().lastIndexOf(':');
        if (colon < 0) {
            return line.server().equals(member.name());
        }
        String host = line.address().substring(0, colon);
        String port = line.address().substring(colon + 1);
        return port.equals(Integer.toString(member.port()))
                && new PoolerTarget.Reached(host, member.port(), false).sameHostAs(member.host());
    }
}
