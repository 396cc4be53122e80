package io.pilothouse.services.replicas;

import io.pilothouse.services.model.ClusterSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small parsers and renderers of replica operations. */
class ReplicaPartsTest {

    private static ReplicaRequest request(String dataDir, Map<String, String> tags, Optional<String> upstream) {
        return new ReplicaRequest("127.0.0.1", Optional.empty(), 5433, dataDir, "node4", upstream, tags,
                "replicator", "postgres", Optional.empty(), 8010, Optional.empty());
    }

    @Test
    void readsListeningPortsAndFreeSpaceFromRecordedOutput() {
        String ss = "LISTEN 0      16     127.0.0.1:30695 0.0.0.0:*\nLISTEN 0      128   [::]:5432   [::]:*\n";
        assertThat(TargetProbe.listening(ss, 5432)).isTrue();
        assertThat(TargetProbe.listening(ss, 695)).isFalse();
        String df = "Filesystem         1-blocks        Used   Available Capacity Mounted on\n"
                + "/dev/vda       270553174016 24543608832 84400685056      23% /\n";
        assertThat(TargetProbe.availableBytes(df)).isEqualTo(84400685056L);
        assertThat(TargetProbe.availableBytes("garbage")).isEqualTo(-1);
    }

    @Test
    void progressLineHasBytesPercentAndEta() {
        assertThat(BasebackupWatch.line("streaming database files", 25 * 1048576L, 100 * 1048576L, 5))
                .isEqualTo("base backup: streaming database files 25.0 MiB / 100.0 MiB (25%), ETA 15 s");
        assertThat(BasebackupWatch.line("waiting for checkpoint to finish", 0, -1, 0))
                .isEqualTo("base backup: waiting for checkpoint to finish 0.0 MiB");
    }

    @Test
    void requestRefusesRelativeOrShallowDataDirectoriesAndOddNames() {
        assertThatThrownBy(() -> request("pg/node4", Map.of(), Optional.empty())).hasMessageContaining("absolute");
        assertThatThrownBy(() -> request("/node4", Map.of(), Optional.empty())).hasMessageContaining("two levels");
        assertThatThrownBy(() -> new ReplicaRequest("h", Optional.empty(), 5433, "/srv/pg", "no spaces", Optional.empty(),
                Map.of(), "r", "postgres", Optional.empty(), 8010, Optional.empty())).hasMessageContaining("--name");
        assertThat(request("/srv/pg/n4", Map.of(), Optional.empty()).sideFile("pgpass")).isEqualTo("/srv/pg/n4.pgpass");
        assertThat(new ReplicaRequest("h", Optional.empty(), 5433, "/srv/pg", "127.0.0.1:5433", Optional.empty(),
                Map.of(), "r", "postgres", Optional.empty(), 8010, Optional.empty()).slotName()).isEqualTo("127_0_0_1_5433");
    }

    @Test
    void conninfoAndPgpassEscapeWhatLibpqParses() {
        assertThat(Conninfo.value("/srv/a b")).isEqualTo("'/srv/a b'");
        assertThat(Conninfo.value("it's")).isEqualTo("'it\\'s'");
        assertThat(Conninfo.value("127.0.0.1:5433")).isEqualTo("127.0.0.1:5433");
        assertThat(new String(Conninfo.pgpassLine("h", 5432, "rep", "a:b\\c".toCharArray())))
                .isEqualTo("h:5432:*:rep:a\\:b\\\\c\n");
    }

    @Test
    void patroniConfigShowsPasswordsByReferenceAndCarriesScopeDcsAndTags() {
        ClusterSnapshot cluster = ClusterSnapshot.builder("src", "demo").members(List.of()).sources(Map.of())
                .observedAt(Instant.EPOCH).build();
        ReplicaRequest r = request("/srv/pg/node4", Map.of("nofailover", "true", "failover_priority", "0"),
                Optional.of("node2"));
        PatroniMemberConfig.Login rep = new PatroniMemberConfig.Login("replicator", "10.0.0.1", 5432);
        PatroniMembers.Dcs dcs = new PatroniMembers.Dcs(List.of("10.0.0.9:2379"), "http", "/service/");
        String shown = PatroniMemberConfig.render(PatroniMemberConfig.config(cluster, dcs, r, "/usr/lib/postgresql/15/bin",
                rep, null, PatroniMemberConfig.Login::reference));
        String written = PatroniMemberConfig.render(PatroniMemberConfig.config(cluster, dcs, r,
                "/usr/lib/postgresql/15/bin", rep, null, l -> "s3cret"));
        assertThat(shown).contains("scope: demo", "namespace: /service/", "name: node4", "- 10.0.0.9:2379",
                "listen: 127.0.0.1:8010", "data_dir: /srv/pg/node4", "nofailover: true", "failover_priority: 0",
                "replicatefrom: node2", "<password of replicator@10.0.0.1:5432 from your pgpass/keyring>")
                .doesNotContain("s3cret");
        assertThat(written).contains("password: s3cret");
    }
}
