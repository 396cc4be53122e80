package io.pilothouse.services.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;
import io.pilothouse.services.patroni.DcsMember;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The etcd keys of a real Patroni 4.0.7 sandbox (recorded with etcdctl: key, tab, value per line). */
class DcsViewPatroni4Test {

    @Test
    void readsThePatroni4KeysIncludingTheNewRetainSlotsInStatus() throws IOException {
        DcsView v = DcsViewParser.parse("demo", recordedKeys("dcs-4.0.7-sandbox.tsv"));

        assertThat(v.problems()).isEmpty();
        assertThat(v.leader()).isEqualTo("node2");
        assertThat(v.ttl()).isEqualTo(20);
        assertThat(v.loopWait()).isEqualTo(2);
        assertThat(v.maximumLagOnFailover()).isEqualTo(1_048_576);
        // 4.x adds "retain_slots" next to "optime" and "slots".
        assertThat(v.optime()).isEqualTo(67_357_608L);
        assertThat(v.members()).extracting(DcsMember::name).containsExactlyInAnyOrder("node1", "node2", "node3");
        assertThat(v.members()).filteredOn(m -> m.name().equals("node2")).singleElement()
                .satisfies(m -> assertThat(m.role()).isEqualTo(MemberRole.LEADER));
        assertThat(v.members()).filteredOn(m -> !m.name().equals("node2"))
                .extracting(DcsMember::state).containsOnly(MemberState.STREAMING);
    }

    private static Map<String, DcsValue> recordedKeys(String name) throws IOException {
        Map<String, DcsValue> keys = new TreeMap<>();
        try (InputStream in = DcsViewPatroni4Test.class.getResourceAsStream(name)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                int tab = line.indexOf('\t');
                keys.put(line.substring(0, tab), new DcsValue(line.substring(tab + 1), 0, 1));
            }
        }
        return keys;
    }
}
