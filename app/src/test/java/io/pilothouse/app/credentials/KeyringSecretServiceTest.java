package io.pilothouse.app.credentials;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pilothouse credentials} and the keyring read path against a real Secret Service: gnome-keyring-daemon in a
 * {@code dbus-run-session} of the test's own (its keyrings under a temporary XDG_DATA_HOME), with the app's JVMs
 * started inside that session and {@code secret-tool} checking what they wrote. One session runs every step (it
 * ends with its script); then, outside any session, the same command must say the keyring is missing and write
 * the password nowhere.
 */
@Tag("servers")
class KeyringSecretServiceTest {

    private static final String STDIN_PASSWORD = "Kr-stdin-4x9";
    private static final String TYPED_PASSWORD = "Kr-typed-7q2";

    @TempDir
    static Path dir;

    /** One D-Bus session with gnome-keyring for every step below; each step leaves its output in a file. */
    @BeforeAll
    static void runInKeyringSession() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(dir.resolve("stdin-password"), STDIN_PASSWORD + "\n");
        Files.writeString(dir.resolve("typed-password"), TYPED_PASSWORD + "\n");
        String script = """
                set -u
                cd "$D"
                echo unlock-the-test-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
                app() { "$JAVA" -cp "$CP" io.pilothouse.app.Main "$@"; }
                app credentials set --host 127.0.0.1 --port 5432 --user monitor --password-stdin \\
                    < stdin-password > set.out 2>&1; echo $? > set.rc
                secret-tool lookup service pilothouse account monitor@127.0.0.1:5432 > lookup1.out 2>&1
                echo $? > lookup1.rc
                "$JAVA" -cp "$CP" io.pilothouse.app.credentials.KeyringProbe 127.0.0.1 5432 monitor \\
                    < stdin-password > probe.out 2>&1
                # The terminal prompt: a pseudo-terminal from script(1); the password is typed once the prompt shows.
                ( i=0; while ! grep -q "Password for" pty.out 2>/dev/null && [ $i -lt 900 ]; do sleep 0.1; i=$((i+1)); done
                  sleep 0.5; cat typed-password ) \\
                  | script -qec "\\"$JAVA\\" -cp \\"$CP\\" io.pilothouse.app.Main credentials set --host db2.example \\
                      --port 6432 --user ops" /dev/null > pty.out 2>&1
                echo $? > pty.rc
                secret-tool lookup service pilothouse account ops@db2.example:6432 > lookup2.out 2>&1
                app credentials list > list.out 2>&1; echo $? > list.rc
                app credentials forget --host 127.0.0.1 --port 5432 --user monitor > forget.out 2>&1; echo $? > forget.rc
                secret-tool lookup service pilothouse account monitor@127.0.0.1:5432 > lookup3.out 2>&1
                echo $? > lookup3.rc
                app credentials list > list2.out 2>&1
                app credentials forget --host 127.0.0.1 --port 5432 --user monitor > forget2.out 2>&1
                """;
        Files.writeString(dir.resolve("session.sh"), script);
        ProcessBuilder pb = new ProcessBuilder("timeout", "300", "dbus-run-session", "--", "sh",
                dir.resolve("session.sh").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("session.out").toFile());
        isolate(pb, run);
        pb.environment().put("D", dir.toString());
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().put("CP", System.getProperty("java.class.path"));
        Process p = pb.start();
        assertThat(p.waitFor(320, TimeUnit.SECONDS)).as("the keyring session ends").isTrue();
    }

    /** A home and XDG directories of the test's own, and no inherited session bus. */
    private static void isolate(ProcessBuilder pb, Path run) {
        pb.environment().remove("DBUS_SESSION_BUS_ADDRESS");
        pb.environment().put("HOME", dir.resolve("home").toString());
        pb.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        pb.environment().put("XDG_RUNTIME_DIR", run.toString());
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
    }

    private static String read(String name) throws IOException {
        Path f = dir.resolve(name);
        return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8).strip() : "<" + name + " missing>";
    }

    @Test
    void setStoresThePasswordFromStandardInputWhereSecretToolFindsIt() throws IOException {
        assertThat(read("set.rc")).as(read("set.out") + " / " + read("session.out")).isEqualTo("0");
        assertThat(read("set.out")).isEqualTo("stored: pilothouse/monitor@127.0.0.1:5432");
        assertThat(read("lookup1.rc")).isEqualTo("0");
        assertThat(read("lookup1.out")).isEqualTo(STDIN_PASSWORD);
    }

    @Test
    void theResolverReadsTheKeyringEntryWhenPgpassHasNone() throws IOException {
        assertThat(read("probe.out")).contains("origin=KEYRING")
                .contains("detail=keyring pilothouse/monitor@127.0.0.1:5432").contains("matches=true")
                .doesNotContain(STDIN_PASSWORD);
    }

    @Test
    void setOnATerminalAsksWithoutEchoAndStores() throws IOException {
        String screen = read("pty.out");
        assertThat(read("pty.rc")).as(screen).isEqualTo("0");
        assertThat(screen).contains("Password for ops@db2.example:6432")
                .contains("stored: pilothouse/ops@db2.example:6432")
                .as("the typed password is not echoed").doesNotContain(TYPED_PASSWORD);
        assertThat(read("lookup2.out")).isEqualTo(TYPED_PASSWORD);
    }

    @Test
    void listNamesTheStoredLoginsNeverTheirPasswords() throws IOException {
        assertThat(read("list.rc")).isEqualTo("0");
        assertThat(read("list.out").lines().toList()).containsExactly("pilothouse/monitor@127.0.0.1:5432",
                "pilothouse/ops@db2.example:6432");
        assertThat(read("list.out")).doesNotContain(STDIN_PASSWORD).doesNotContain(TYPED_PASSWORD);
    }

    @Test
    void forgetRemovesTheEntry() throws IOException {
        assertThat(read("forget.rc")).isEqualTo("0");
        assertThat(read("forget.out")).isEqualTo("removed: pilothouse/monitor@127.0.0.1:5432");
        assertThat(read("lookup3.rc")).as("secret-tool finds nothing any more").isNotEqualTo("0");
        assertThat(read("lookup3.out")).isEmpty();
        assertThat(read("list2.out").lines().toList()).containsExactly("pilothouse/ops@db2.example:6432");
        assertThat(read("forget2.out")).isEqualTo("nothing to remove: pilothouse/monitor@127.0.0.1:5432");
    }

    @Test
    void withoutASecretServiceSetFailsInWordsAndWritesThePasswordNowhere() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run-none"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path home = Files.createDirectories(dir.resolve("home-none"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.pilothouse.app.Main", "credentials", "set",
                "--host", "127.0.0.1", "--port", "5432", "--user", "monitor", "--password-stdin")
                .redirectErrorStream(true).redirectInput(dir.resolve("stdin-password").toFile());
        isolate(pb, run);
        pb.environment().put("HOME", home.toString());
        pb.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
        pb.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(1);
        assertThat(out.lines().toList()).as("one line, no stack trace").hasSize(1);
        assertThat(out).startsWith("pilothouse: the system keyring is not available")
                .contains("nothing was stored").contains("127.0.0.1:5432:*:monitor:<password>")
                .doesNotContain(STDIN_PASSWORD);
        List<Path> written;
        try (Stream<Path> files = Files.walk(home)) {
            written = files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return Files.readString(f, StandardCharsets.ISO_8859_1).contains(STDIN_PASSWORD);
                } catch (IOException e) {
                    return false;
                }
            }).toList();
        }
        assertThat(written).as("no plaintext fallback").isEmpty();
    }
}
