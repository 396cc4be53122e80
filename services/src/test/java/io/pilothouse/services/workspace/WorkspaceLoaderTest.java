package io.pilothouse.services.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkspaceLoaderTest {

    private static final String SANDBOX = """
            name: sandbox-demo
            readOnly: false
            sources:
              - name: demo
                etcd:
                  endpoints: ["http://127.0.0.1:2379"]
                  namespace: /service/
                patroni: ["http://127.0.0.1:8008", "http://127.0.0.1:8009"]
                postgres:
                  user: pilothouse_monitor
                  database: postgres
                  passfile: /abs/path/pgpass
                  sslmode: prefer
            """;

    @TempDir
    Path dir;

    private final WorkspaceLoader loader = new WorkspaceLoader();

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("workspace.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private String loadError(String yaml) throws IOException {
        Path file = write(yaml);
        try {
            loader.load(file);
        } catch (WorkspaceException e) {
            assertThat(e.getMessage()).startsWith("Workspace file " + file);
            return e.getMessage();
        }
        throw new AssertionError("expected the workspace to be refused");
    }

    @Test
    void loadsTheSandboxLauncherFormat() throws Exception {
        Workspace w = loader.load(write(SANDBOX));

        assertThat(w.name()).isEqualTo("sandbox-demo");
        assertThat(w.readOnly()).isFalse();
        assertThat(w.sources()).hasSize(1);
        SourceConfig s = w.sources().get(0);
        assertThat(s.name()).isEqualTo("demo");
        assertThat(s.etcd().endpoints()).containsExactly("http://127.0.0.1:2379");
        assertThat(s.etcd().namespace()).isEqualTo("/service/");
        assertThat(s.patroni()).containsExactly("http://127.0.0.1:8008", "http://127.0.0.1:8009");
        assertThat(s.postgres()).isEqualTo(
                new PostgresConfig("pilothouse_monitor", "postgres", "/abs/path/pgpass", "prefer"));
    }

    @Test
    void appliesDefaultsForOmittedOptionalKeys() throws Exception {
        Workspace w = loader.load(write("""
                name: minimal
                sources:
                  - name: one
                    patroni: http://10.0.0.1:8008
                    postgres: {}
                  - name: two
                    etcd:
                      endpoints: ["https://etcd.example:2379"]
                """));

        assertThat(w.readOnly()).isFalse();
        assertThat(w.sources().get(0).patroni()).containsExactly("http://10.0.0.1:8008");
        assertThat(w.sources().get(0).postgres()).isEqualTo(new PostgresConfig("postgres", "postgres", null, "prefer"));
        assertThat(w.sources().get(1).etcd().namespace()).isEqualTo("/service/");
        assertThat(w.sources().get(1).etcd().lockPrefix()).isEqualTo(EtcdConfig.DEFAULT_LOCK_PREFIX);
        assertThat(w.sources().get(1).postgres()).isNull();
    }

    @Test
    void loadsALockPrefixAndNormalisesItLikeTheNamespace() throws Exception {
        Workspace w = loader.load(write("""
                name: locks
                sources:
                  - name: dc1
                    etcd:
                      endpoints: ["http://127.0.0.1:2379"]
                      namespace: patroni
                      lockPrefix: ops/locks
                """));

        EtcdConfig etcd = w.sources().get(0).etcd();
        assertThat(etcd.namespace()).isEqualTo("/patroni/");
        assertThat(etcd.lockPrefix()).isEqualTo("/ops/locks/");
    }

    @Test
    void lockPrefixInsideTheNamespaceIsRefused() throws Exception {
        String message = loadError("""
                name: overlap
                sources:
                  - name: dc1
                    etcd:
                      endpoints: ["http://127.0.0.1:2379"]
                      lockPrefix: /service/locks/
                """);

        assertThat(message)
                .contains("sources[0] \"dc1\", field etcd.lockPrefix")
                .contains("'/service/locks/' is inside the Patroni namespace '/service/'")
                .contains("choose a prefix outside it, e.g. lockPrefix: /pilothouse/locks/");
    }

    @Test
    void namespaceInsideTheLockPrefixIsRefused() throws Exception {
        String message = loadError("""
                name: overlap
                sources:
                  - name: dc1
                    etcd:
                      endpoints: ["http://127.0.0.1:2379"]
                      namespace: /pilothouse/locks/prod/
                """);

        assertThat(message)
                .contains("field etcd.lockPrefix")
                .contains("'/pilothouse/locks/' contains the Patroni namespace '/pilothouse/locks/prod/'");
    }

    @Test
    void lockPrefixEqualToTheNamespaceIsRefused() throws Exception {
        String message = loadError("""
                name: overlap
                sources:
                  - name: dc1
                    etcd:
                      endpoints: ["http://127.0.0.1:2379"]
                      namespace: /shared
                      lockPrefix: shared/
                """);

        assertThat(message).contains("'/shared/' is the same as the Patroni namespace '/shared/'");
    }

    @Test
    void saveLeavesOutTheDefaultLockPrefixAndKeepsACustomOne() throws Exception {
        Path defaults = dir.resolve("defaults.yaml");
        Path custom = dir.resolve("custom.yaml");
        Workspace original = loader.load(write(SANDBOX));
        SourceConfig s = original.sources().get(0);
        Workspace withPrefix = Workspace.builder(original.name()).readOnly(original.readOnly()).sources(List.of(new SourceConfig(s.name(),
                new EtcdConfig(s.etcd().endpoints(), s.etcd().namespace(), "/ops/locks/"), s.patroni(),
                s.postgres()))).build();

        loader.save(original, defaults);
        loader.save(withPrefix, custom);

        assertThat(Files.readString(defaults)).doesNotContain("lockPrefix");
        assertThat(Files.readString(custom)).contains("lockPrefix: /ops/locks/");
        assertThat(loader.load(custom)).isEqualTo(withPrefix);
    }

    @Test
    void missingFileSaysItDoesNotExist() {
        Path file = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void directoryInsteadOfFileIsExplained() {
        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("is a directory");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void unreadableFileSaysPermissionDenied() throws Exception {
        Path file = write(SANDBOX);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        // root reads anything; the permission check is then meaningless.
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(file), "running as root");
        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("permission denied");
    }

    @Test
    void malformedYamlReportsLineAndColumn() throws Exception {
        String message = loadError("""
                name: broken
                sources:
                  - name: demo
                    patroni: ["http://127.0.0.1:8008"
                    postgres:
                      user: x
                """);

        assertThat(message)
                .contains("line 5, column 5")
                .contains("is not valid YAML")
                .contains("expected ',' or ']'");
    }

    @Test
    void malformedYamlMessageDoesNotEchoTheFileContent() throws Exception {
        String message = loadError("""
                name: broken
                sources: [
                  sekrit-value: : :
                """);

        assertThat(message).contains("is not valid YAML").doesNotContain("sekrit-value");
    }

    @Test
    void emptyFileIsRefused() throws Exception {
        assertThat(loadError("# nothing yet\n")).contains("is empty");
    }

    @Test
    void topLevelListIsRefused() throws Exception {
        assertThat(loadError("- name: demo\n")).contains("must be a YAML mapping").contains("list");
    }

    @Test
    void unknownKeyIsRejectedWithItsNameLocationAndTheAllowedKeys() throws Exception {
        String message = loadError("""
                name: typo
                readonly: true
                sources:
                  - name: demo
                    patroni: ["http://127.0.0.1:8008"]
                """);

        assertThat(message)
                .contains("line 2, column 1")
                .contains("unknown key 'readonly'")
                .contains("the top level")
                .contains("readOnly")
                .contains("Check the spelling");
    }

    @Test
    void unknownNestedKeyNamesTheSourceAndField() throws Exception {
        String message = loadError("""
                name: typo
                sources:
                  - name: ok
                    patroni: ["http://127.0.0.1:8008"]
                  - name: dc2
                    etcd:
                      endpoint: ["http://127.0.0.1:2379"]
                """);

        assertThat(message)
                .contains("line 7")
                .contains("unknown key 'endpoint'")
                .contains("sources[1] \"dc2\", field etcd")
                .contains("cacert, cert, endpoints, key, lockPrefix, namespace, user");
    }

    @Test
    void duplicateKeyIsRejected() throws Exception {
        String message = loadError("""
                name: dup
                readOnly: true
                readOnly: false
                sources: []
                """);

        assertThat(message).contains("line 3").contains("key 'readOnly' appears twice");
    }

    @Test
    void wrongTypeNamesTheField() throws Exception {
        String message = loadError("""
                name: types
                readOnly: maybe
                sources: []
                """);

        assertThat(message).contains("line 2").contains("field readOnly").contains("'maybe'").contains("true or false");
    }

    @Test
    void sourceWithNeitherEtcdNorPatroniIsRefused() throws Exception {
        String message = loadError("""
                name: nowhere
                sources:
                  - name: lonely
                    postgres: {user: x}
                """);

        assertThat(message)
                .contains("sources[0] \"lonely\"")
                .contains("has neither `etcd` nor `patroni`")
                .contains("e.g. patroni:");
    }

    @Test
    void patroniUrlWithoutSchemeSuggestsTheFix() throws Exception {
        String message = loadError("""
                name: urls
                sources:
                  - name: demo
                    patroni: ["10.0.0.1:8008"]
                """);

        assertThat(message)
                .contains("sources[0] \"demo\", field patroni[0]")
                .contains("'10.0.0.1:8008' has no scheme")
                .contains("http://10.0.0.1:8008");
    }

    @Test
    void etcdEndpointWithOtherSchemeIsRefused() throws Exception {
        String message = loadError("""
                name: urls
                sources:
                  - name: demo
                    etcd:
                      endpoints: ["grpc://127.0.0.1:2379"]
                """);

        assertThat(message)
                .contains("field etcd.endpoints[0]")
                .contains("scheme 'grpc'")
                .contains("only http and https");
    }

    @Test
    void etcdWithoutEndpointsIsRefused() throws Exception {
        String message = loadError("""
                name: urls
                sources:
                  - name: demo
                    etcd:
                      namespace: /service/
                """);

        assertThat(message).contains("field etcd.endpoints").contains("is missing or empty");
    }

    @Test
    void duplicateSourceNamesAreRefused() throws Exception {
        String message = loadError("""
                name: twins
                sources:
                  - name: prod
                    patroni: ["http://10.0.0.1:8008"]
                  - name: Prod
                    patroni: ["http://10.0.0.2:8008"]
                """);

        assertThat(message).contains("sources[1] \"Prod\", field name").contains("already used by sources[0]");
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        String message = loadError("""
                name: many
                sources:
                  - name: a
                  - name: b
                    patroni: ["ftp://x"]
                    postgres: {sslmode: requir}
                """);

        assertThat(message)
                .contains("has 3 problems")
                .contains("sources[0] \"a\" has neither")
                .contains("scheme 'ftp'")
                .contains("'requir' is not a libpq sslmode");
    }

    @Test
    void relativePassfileIsRefused() throws Exception {
        String message = loadError("""
                name: rel
                sources:
                  - name: demo
                    patroni: ["http://10.0.0.1:8008"]
                    postgres: {passfile: pgpass}
                """);

        assertThat(message).contains("field postgres.passfile").contains("not an absolute path");
    }

    @Test
    void passwordKeyIsRefusedWithoutEchoingIt() throws Exception {
        String message = loadError("""
                name: leaky
                sources:
                  - name: demo
                    patroni: ["http://127.0.0.1:8008"]
                    postgres:
                      user: app
                      password: hunter2
                """);

        assertThat(message)
                .contains("line 7, column 7")
                .contains("sources[0] \"demo\", field postgres.password")
                .contains("passwords do not belong in the workspace file; use a pgpass file or the OS keyring")
                .doesNotContain("hunter2");
    }

    @Test
    void passwordKeyIsRefusedAnywhereAndInAnySpelling() throws Exception {
        String message = loadError("""
                name: leaky
                Password: x1
                sources:
                  - name: demo
                    patroni: ["http://127.0.0.1:8008"]
                    etcd:
                      endpoints: ["http://127.0.0.1:2379"]
                      db_password: x2
                """);

        assertThat(message)
                .contains("has 2 problems")
                .contains("key 'Password' refused")
                .contains("key 'db_password' refused")
                .doesNotContain("x1").doesNotContain("x2");
    }

    @Test
    void credentialsInsideAUrlAreRefusedWithoutEchoingThem() throws Exception {
        String message = loadError("""
                name: leaky
                sources:
                  - name: demo
                    patroni: ["http://admin:hunter2@127.0.0.1:8008"]
                """);

        assertThat(message).contains("field patroni[0]").contains("passwords do not belong").doesNotContain("hunter2");
    }

    @Test
    void emptyListEntryIsExplained() throws Exception {
        String message = loadError("""
                name: holes
                sources:
                  - name: demo
                    patroni:
                      - http://127.0.0.1:8008
                      -
                """);

        assertThat(message).contains("sources[0] \"demo\"").contains("empty list entry");
    }

    @Test
    void savedWorkspaceLoadsBackEqual() throws Exception {
        Workspace original = loader.load(write(SANDBOX));
        Path copy = dir.resolve("nested/dir/copy.yaml");

        loader.save(original, copy);

        assertThat(loader.load(copy)).isEqualTo(original);
        assertThat(Files.readString(copy)).startsWith("# Pilothouse workspace").doesNotContain("---");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void saveWritesMode0600AndLeavesNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("ws.yaml");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        loader.save(loader.load(write(SANDBOX)), file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("workspace.yaml",
                    "ws.yaml");
        }
    }

    @Test
    void saveRefusesAnInvalidWorkspaceAndWritesNothing() {
        Path file = dir.resolve("bad.yaml");
        Workspace bad = Workspace.builder("bad").sources(List.of(new SourceConfig("x", null, List.of(), null))).build();

        assertThatThrownBy(() -> loader.save(bad, file))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("not saved")
                .hasMessageContaining("has neither");
        assertThat(file).doesNotExist();
    }

    @Test
    void etcdOptionBuildsOneSourceWithNormalisedNamespace() throws Exception {
        Workspace w = loader.fromEtcd(List.of("http://10.0.0.1:2379,http://10.0.0.2:2379"), "prod");

        assertThat(w.name()).isEqualTo(WorkspaceLoader.COMMAND_LINE_NAME);
        assertThat(w.readOnly()).isFalse();
        SourceConfig s = w.sources().get(0);
        assertThat(s.name()).isEqualTo("etcd /prod/");
        assertThat(s.etcd().endpoints()).containsExactly("http://10.0.0.1:2379", "http://10.0.0.2:2379");
        assertThat(s.etcd().namespace()).isEqualTo("/prod/");
        assertThat(s.patroni()).isEmpty();
        assertThat(s.postgres()).isEqualTo(new PostgresConfig(null, null, null, null));
    }

    @Test
    void patroniOptionBuildsOneSourceNamedAfterTheFirstMember() throws Exception {
        Workspace w = loader.fromPatroni(List.of("http://10.0.0.1:8008, http://10.0.0.2:8008"));

        SourceConfig s = w.sources().get(0);
        assertThat(s.name()).isEqualTo("patroni 10.0.0.1:8008");
        assertThat(s.patroni()).containsExactly("http://10.0.0.1:8008", "http://10.0.0.2:8008");
        assertThat(s.etcd()).isNull();
    }

    @Test
    void commandLineUrlsAreValidatedWithTheOptionName() {
        assertThatThrownBy(() -> loader.fromEtcd(List.of("localhost:2379"), null))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("Workspace from the command line")
                .hasMessageContaining("--etcd 'localhost:2379' has no scheme")
                .hasMessageContaining("http://localhost:2379");
        assertThatThrownBy(() -> loader.fromPatroni(List.of(" , ")))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("--patroni needs at least one URL");
    }
}
