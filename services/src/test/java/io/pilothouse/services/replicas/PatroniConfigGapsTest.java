package io.pilothouse.services.replicas;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.workspace.EtcdConfig;
import io.pilothouse.services.workspace.SourceConfig;
import io.pilothouse.services.workspace.TlsFiles;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A Patroni member is added only where the generated patroni.yml can carry what the cluster needs. */
class PatroniConfigGapsTest {

    private static final ClusterSnapshot CLUSTER = ClusterSnapshot.builder("src", "demo").members(List.of())
            .sources(Map.of()).observedAt(Instant.EPOCH).build();

    private static SourceConfig source(EtcdConfig etcd, List<String> rest, String restUser, TlsFiles restTls) {
        return new SourceConfig("src", etcd, rest, null, List.of(), null, restUser, restTls);
    }

    @Test
    void plainHttpWithoutUsersHasNoGapAndThePreCheckPasses() {
        SourceConfig plain = source(new EtcdConfig(List.of("http://10.0.0.9:2379"), null, null), List.of(), null, null);
        List<String> gaps = PatroniConfigGaps.of(plain, CLUSTER);
        assertThat(gaps).isEmpty();
        assertThat(PatroniConfigGaps.check("demo", gaps).outcome()).isEqualTo(CheckOutcome.PASS);
    }

    @Test
    void tlsAndLoginsAreEachNamedWithTheirKeysAndThePreCheckFailsSayingWhatToDo() {
        EtcdConfig etcd = new EtcdConfig(List.of("https://10.0.0.9:2379"), null, null, "/etc/ca.crt",
                "/etc/client.crt", "/etc/client.key", "monitor");
        SourceConfig tls = source(etcd, List.of("https://10.0.0.1:8008"), "patroni", new TlsFiles("/etc/ca.crt",
                null, null));
        List<String> gaps = PatroniConfigGaps.of(tls, CLUSTER);
        assertThat(gaps).containsExactly("etcd over https (etcd3.cacert, cert and key)",
                "etcd authentication (etcd3.username and password)",
                "Patroni's REST API over https (restapi.certfile and keyfile)",
                "REST API authentication (restapi.authentication)");
        PreCheck check = PatroniConfigGaps.check("demo", gaps);
        assertThat(check.outcome()).isEqualTo(CheckOutcome.FAIL);
        assertThat(check.reason()).startsWith("demo uses etcd over https").contains("add this member by hand");
    }

    @Test
    void anHttpsRestUrlAloneIsAGap() {
        SourceConfig rest = source(null, List.of("HTTPS://10.0.0.1:8008"), null, null);
        assertThat(PatroniConfigGaps.of(rest, CLUSTER))
                .containsExactly("Patroni's REST API over https (restapi.certfile and keyfile)");
    }
}
