package io.pilothouse.services.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The workspace's {@code outbound:} key: loaded, defaulted, and refused in words when wrong. */
class OutboundConfigLoadTest {

    @TempDir
    Path dir;

    private final WorkspaceLoader loader = new WorkspaceLoader();

    private Path write(String outbound) throws Exception {
        return Files.writeString(dir.resolve("w.yaml"), """
                name: ops
                sources:
                  - name: prod
                    etcd: {endpoints: ["http://127.0.0.1:2379"], namespace: /service/}
                """ + outbound);
    }

    @Test
    void loadsBothTargetsWithTheirDefaults() throws Exception {
        Workspace w = loader.load(write("""
                outbound:
                  alertmanager: {url: "http://127.0.0.1:9093", user: pilothouse}
                  webhook: {url: "https://hooks.example.net/ph", user: ops, auth: bearer, queue: 50}
                """));
        OutboundConfig.Target am = w.outbound().alertmanager();
        assertThat(am.url()).isEqualTo("http://127.0.0.1:9093");
        assertThat(am.bearer()).isFalse();
        assertThat(am.resendSecondsOrDefault()).isEqualTo(60);
        assertThat(w.outbound().webhook().bearer()).isTrue();
        assertThat(w.outbound().webhook().queueOrDefault()).isEqualTo(50);
        assertThat(w.outbound().webhook().maxAttemptsOrDefault()).isEqualTo(6);
    }

    @Test
    void aSavedWorkspaceKeepsItsTargets() throws Exception {
        Workspace w = loader.load(write("""
                outbound:
                  alertmanager: {url: "http://127.0.0.1:9093", resendSeconds: 30}
                """));
        Path copy = dir.resolve("copy.yaml");
        loader.save(w, copy);
        assertThat(Files.readString(copy)).contains("outbound:", "resendSeconds: 30").doesNotContain("bearer");
        assertThat(loader.load(copy)).isEqualTo(w);
    }

    @Test
    void aWorkspaceWithoutTheKeySendsNothing() throws Exception {
        assertThat(loader.load(write("")).outbound()).isNull();
    }

    @Test
    void refusesACredentialInTheUrlAndAnUnknownAuthAndAPassword() throws Exception {
        Path withUserInfo = write("outbound:\n  webhook: {url: \"https://ops:secret@hooks.example.net/ph\"}\n");
        assertThatThrownBy(() -> loader.load(withUserInfo)).hasMessageContaining("outbound.webhook.url carries a "
                + "user or password");
        Path badAuth = write("outbound:\n  alertmanager: {url: \"http://127.0.0.1:9093\", user: a, auth: digest}\n");
        assertThatThrownBy(() -> loader.load(badAuth)).hasMessageContaining("outbound.alertmanager.auth is 'digest'");
        Path password = write("outbound:\n  alertmanager: {url: \"http://127.0.0.1:9093\", password: x}\n");
        assertThatThrownBy(() -> loader.load(password)).hasMessageContaining("password");
        Path caOnHttp = write("outbound:\n  alertmanager: {url: \"http://127.0.0.1:9093\", cacert: /etc/ca.crt}\n");
        assertThatThrownBy(() -> loader.load(caOnHttp)).hasMessageContaining("cacert is set on an http:// URL");
    }
}
