package io.pilothouse.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilothouse.app.Main;
import io.pilothouse.app.json.Json;
import io.pilothouse.app.wiring.HistoryStores;
import io.pilothouse.services.history.store.HistoryDatabase;
import io.pilothouse.services.history.store.HistoryRecord;
import io.pilothouse.services.history.store.HistoryWriter;
import io.pilothouse.services.history.store.Retention;
import io.pilothouse.services.metrics.LagMetric;
import io.pilothouse.services.model.ClusterEvent;
import io.pilothouse.services.model.ClusterEventType;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code history} and {@code snapshot --at} on a store written in a temporary directory; bad times exit 2. */
class HistoryCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void clear() {
        System.clearProperty(HistoryStores.PROPERTY);
    }

    private int run(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private Instant writeStore() throws Exception {
        Instant t = Instant.now().minusSeconds(600);
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
        try (HistoryWriter w = new HistoryWriter(dir.resolve(HistoryDatabase.FILE_NAME), 100, thread,
                Retention.DEFAULTS, Clock.systemUTC()).start()) {
            Member leader = Member.builder("node1").role(MemberRole.LEADER).state(MemberState.RUNNING)
                    .host("127.0.0.1").port(5432).build();
            Member replica = Member.builder("node2").role(MemberRole.REPLICA).state(MemberState.RUNNING)
                    .host("127.0.0.1").port(5433).upstream("node1").build();
            w.offer(new HistoryRecord.Snapshot(t, new EstateSnapshot("ws", false, List.of(ClusterSnapshot
                    .builder("demo", "demo").leader("node1").members(List.of(leader, replica)).observedAt(t).build()),
                    3, t)));
            w.offer(new HistoryRecord.Event(new ClusterEvent(ClusterEventType.LEADER_CHANGED, "demo", "demo", null,
                    "node2", "node1", t.plusSeconds(1))));
            double[] v = new double[LagMetric.values().length];
            Arrays.fill(v, Double.NaN);
            v[LagMetric.REPLAY_BYTES.ordinal()] = 4096;
            w.offer(new HistoryRecord.Lag(t.getEpochSecond() + 2, "demo / demo", "node2", v));
            w.flush();
        } finally {
            thread.shutdownNow();
        }
        System.setProperty(HistoryStores.PROPERTY, dir.toString());
        return t;
    }

    @Test
    void exportsEventsAndLagAsJsonAndCsv() throws Exception {
        writeStore();
        assertThat(run("history", "--since", "1h", "--json")).as(err.toString()).isZero();
        JsonNode doc = Json.mapper().readTree(out.toString());
        assertThat(doc.path("events").get(0).path("kind").asText()).isEqualTo("LEADER_CHANGED");
        assertThat(doc.path("lag").get(0).path("values").path("replay_bytes").asDouble()).isEqualTo(4096);

        out.getBuffer().setLength(0);
        assertThat(run("history", "--since", "1h", "--csv", "--cluster", "demo")).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).startsWith("record,time,source,scope,member,kind,from,to,sent_bytes");
        assertThat(lines).anyMatch(l -> l.startsWith("event,") && l.contains(",LEADER_CHANGED,node2,node1"));
        assertThat(lines).anyMatch(l -> l.startsWith("lag,") && l.contains(",demo,demo,node2,") && l.contains("4096"));

        out.getBuffer().setLength(0);
        assertThat(run("history", "--since", "1h", "--cluster", "other", "--json")).isZero();
        assertThat(Json.mapper().readTree(out.toString()).path("events").size()).isZero();
    }

    @Test
    void snapshotAtPrintsTheRebuiltStateWithThatSecondsLag() throws Exception {
        Instant t = writeStore();
        assertThat(run("snapshot", "--at", t.plusSeconds(2).toString(), "--json")).as(err.toString()).isZero();
        JsonNode members = Json.mapper().readTree(out.toString()).path("clusters").get(0).path("members");
        assertThat(members.get(1).path("name").asText()).isEqualTo("node2");
        assertThat(members.get(1).path("lagBytes").asLong()).isEqualTo(4096);
        assertThat(err.toString()).contains("rebuilt from");

        assertThat(run("snapshot", "--at", "2001-01-01T00:00:00Z")).isEqualTo(1);
        assertThat(err.toString()).contains("holds nothing at or before");
    }

    @Test
    void badTimesAndAMissingStoreAreClearErrors() {
        System.setProperty(HistoryStores.PROPERTY, dir.resolve("none").toString());
        assertThat(run("snapshot", "--at", "yesterday")).isEqualTo(2);
        assertThat(run("history", "--since", "3x")).isEqualTo(2);
        assertThat(run("history", "--json", "--csv")).isEqualTo(2);
        assertThat(run("history")).isEqualTo(1);
        assertThat(err.toString()).contains("not a time", "choose one", "no history store at");
    }
}
