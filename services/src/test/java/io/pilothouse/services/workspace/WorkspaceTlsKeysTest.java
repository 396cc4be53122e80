package io.pilothouse.services.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The TLS keys of a workspace: read, defaulted to verify-full, and refused when they would not verify. */
class WorkspaceTlsKeysTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    private Path workspace(String source) throws Exception {
        return file("ws.yaml", "name: t\nsources:\n  - name: s\n" + source);
    }

    @Test
    void readsEveryTlsKeyAndDefaultsToVerifyFull() throws Exception {
        String ca = file("ca.crt", "-----BEGIN CERTIFICATE-----\n").toString();
        String crt = file("c.crt", "-----BEGIN CERTIFICATE-----\n").toString();
        String key = file("c.key", "-----BEGIN PRIVATE KEY-----\n").toString();
        String pk8 = file("c.pk8", "\u0030binary").toString();
        Workspace w = new WorkspaceLoader().load(workspace(
                "    etcd: {endpoints: [\"https://127.0.0.1:2379\"], cacert: " + ca + ", cert: " + crt + ", key: " + key
                        + ", user: ph}\n"
                        + "    patroni: [\"https://127.0.0.1:8008\"]\n"
                        + "    patroniTls: {cacert: " + ca + ", cert: " + crt + ", key: " + key + "}\n"
                        + "    postgres: {sslrootcert: " + ca + ", sslcert: " + crt + ", sslkey: " + pk8 + "}\n"));
        SourceConfig s = w.sources().get(0);
        assertThat(s.postgres().sslmode()).isEqualTo("verify-full");
        assertThat(s.postgres().sslkey()).isEqualTo(pk8);
        assertThat(s.etcd().user()).isEqualTo("ph");
        assertThat(s.etcd().cacert()).isEqualTo(ca);
        assertThat(s.patroniTls()).isEqualTo(new TlsFiles(ca, crt, key));
    }

    @Test
    void refusesASilentDowngradeAMissingKeyAPemSslkeyAndPlainHttp() throws Exception {
        String ca = file("ca.crt", "x").toString();
        String crt = file("c.crt", "x").toString();
        String pem = file("c.key", "-----BEGIN PRIVATE KEY-----\n").toString();
        Path w = workspace(
                "    etcd: {endpoints: [\"http://127.0.0.1:2379\"], cacert: " + ca + "}\n"
                        + "    patroni: [\"https://127.0.0.1:8008\"]\n"
                        + "    patroniTls: {cert: " + crt + "}\n"
                        + "    postgres: {sslmode: prefer, sslrootcert: " + ca + ", sslcert: " + crt + ", sslkey: " + pem
                        + "}\n");
        assertThatThrownBy(() -> new WorkspaceLoader().load(w)).isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("postgres.sslmode 'prefer' does not verify the server")
                .hasMessageContaining("is a PEM key, which pgjdbc cannot read")
                .hasMessageContaining("is plain http although etcd.cacert/cert/key is set")
                .hasMessageContaining("patroniTls.key is missing");
    }

    @Test
    void refusesARelativeOrMissingFile() throws Exception {
        Path w = workspace("    patroni: [\"https://127.0.0.1:8008\"]\n"
                + "    postgres: {sslrootcert: ca.crt, sslmode: verify-full}\n"
                + "    patroniTls: {cacert: /nonexistent/ca.crt}\n");
        assertThatThrownBy(() -> new WorkspaceLoader().load(w)).isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("'ca.crt' is not an absolute path")
                .hasMessageContaining("'/nonexistent/ca.crt' is not a readable file");
    }
}
