package io.pilothouse.services.etcd;

import io.pilothouse.services.model.MemberRole;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class DcsViewParserTest {

    @Test
    void parsesKeysUnderNamespaceIncludingCitusGroups() {
        assertThat(DcsKey.parse("/service/", "/service/demo/leader")).isEqualTo(new DcsKey("demo", "leader", null));
        assertThat(DcsKey.parse("/service/", "/service/demo/members/node1"))
                .isEqualTo(new DcsKey("demo", "members", "node1"));
        assertThat(DcsKey.parse("/service/", "/service/citus/1/members/w1"))
                .isEqualTo(new DcsKey("citus/1", "members", "w1"));
        assertThat(DcsKey.parse("/service/", "/service/citus/0/leader")).isEqualTo(new DcsKey("citus/0", "leader", null));
        assertThat(DcsKey.parse("/service/", "/other/demo/leader")).isNull();
        assertThat(DcsKey.parse("/service/", "/service/demo")).isNull();
    }

    @Test
    void buildsAViewFromPatroniKeys() {
        Map<String, DcsValue> keys = new TreeMap<>();
        keys.put("leader", new DcsValue("node1", 42, 10));
        keys.put("config", new DcsValue("{\"ttl\":30,\"loop_wait\":10,\"maximum_lag_on_failover\":1048576,\"pause\":true}", 0, 3));
        keys.put("status", new DcsValue("{\"optime\":67109000,\"slots\":{}}", 0, 11));
        keys.put("sync", new DcsValue("{\"leader\":\"node1\",\"sync_standby\":\"node2\"}", 0, 4));
        keys.put("failover", new DcsValue("{\"leader\":\"node1\",\"member\":\"node3\",\"scheduled_at\":\"2026-11-22T03:00:00+00:00\"}", 0, 5));
        keys.put("members/node1", new DcsValue("{\"conn_url\":\"postgres://127.0.0.1:5431/postgres\",\"api_url\":\"http://127.0.0.1:8001/patroni\",\"state\":\"running\",\"role\":\"master\",\"xlog_location\":67109000,\"timeline\":2}", 7, 9));
        keys.put("members/node2", new DcsValue("{\"conn_url\":\"postgres://127.0.0.1:5432/postgres\",\"state\":\"running\",\"role\":\"replica\",\"xlog_location\":67100000,\"timeline\":2}", 8, 9));
        keys.put("members/broken", new DcsValue("{not json", 9, 9));

        DcsView v = DcsViewParser.parse("demo", keys);

        assertThat(v.leader()).isEqualTo("node1");
        assertThat(v.leaderLease()).isEqualTo(42);
        assertThat(v.ttl()).isEqualTo(30);
        assertThat(v.maximumLagOnFailover()).isEqualTo(1048576);
        assertThat(v.paused()).isTrue();
        assertThat(v.optime()).isEqualTo(67109000L);
        assertThat(v.syncStandbys()).containsExactly("node2");
        assertThat(v.scheduledSwitchover().to()).isEqualTo("node3");
        assertThat(v.members()).extracting(m -> m.name()).containsExactlyInAnyOrder("node1", "node2");
        assertThat(v.members().stream().filter(m -> m.name().equals("node1")).findFirst().orElseThrow().role())
                .isEqualTo(MemberRole.LEADER);
        assertThat(v.problems()).singleElement().asString().contains("member key broken: malformed JSON");
    }

    @Test
    void olderBareIntegerStatusIsTheOptime() {
        DcsView v = DcsViewParser.parse("demo", Map.of("status", new DcsValue("12345", 0, 1)));
        assertThat(v.optime()).isEqualTo(12345L);
        assertThat(v.leader()).isNull();
    }
}
