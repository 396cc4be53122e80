package io.pilothouse.services.credentials;

import io.pilothouse.services.platform.OsFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PgPassLookupTest {

    @TempDir
    Path home;

    private static final CredentialRequest REQUEST = new CredentialRequest("db1", 5432, "app", "ana", null);

    private Path pgpass(Path file, String content, String mode) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private PgPassLookup linux(Map<String, String> env) {
        return new PgPassLookup(env, home, OsFamily.LINUX);
    }

    @Test
    void explicitPassfileBeatsPgpassfileWhichBeatsTheHomeDefault() {
        PgPassLookup lookup = linux(Map.of("PGPASSFILE", "/env/pgpass"));

        assertThat(lookup.locate("/ws/pgpass").file()).isEqualTo(Path.of("/ws/pgpass"));
        assertThat(lookup.locate(null).file()).isEqualTo(Path.of("/env/pgpass"));
        assertThat(lookup.locate(null).why()).isEqualTo("PGPASSFILE");
        assertThat(linux(Map.of()).locate(null).file()).isEqualTo(home.resolve(".pgpass"));
    }

    @Test
    void windowsDefaultIsPgpassConfUnderAppData() {
        PgPassLookup lookup = new PgPassLookup(Map.of("APPDATA", "/appdata"), home, OsFamily.WINDOWS);

        assertThat(lookup.locate(null).file()).isEqualTo(Path.of("/appdata/postgresql/pgpass.conf"));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void findsThePasswordInThePrivateHomePgpassAndSaysWhichLine() throws Exception {
        pgpass(home.resolve(".pgpass"), "# mine\nother:5432:*:*:x\ndb1:5432:app:ana:s3cret\n", "rw-------");

        CredentialAttempt attempt = linux(Map.of()).attempt(REQUEST);

        assertThat(attempt.isFound()).isTrue();
        assertThat(new String(attempt.password().orElseThrow())).isEqualTo("s3cret");
        assertThat(attempt.origin()).contains(CredentialOrigin.PGPASS);
        assertThat(attempt.detail()).isEqualTo(home.resolve(".pgpass") + " line 3");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void explicitPassfileFromTheWorkspaceIsUsed() throws Exception {
        Path file = pgpass(home.resolve("ws/pgpass"), "*:*:*:ana:from-ws\n", "r--------");
        pgpass(home.resolve(".pgpass"), "*:*:*:ana:from-home\n", "rw-------");

        CredentialAttempt attempt = linux(Map.of())
                .attempt(new CredentialRequest("db1", 5432, "app", "ana", file.toString()));

        assertThat(new String(attempt.password().orElseThrow())).isEqualTo("from-ws");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void worldReadableFileIsIgnoredWithAReasonNotSilently() throws Exception {
        Path file = pgpass(home.resolve(".pgpass"), "*:*:*:*:s3cret\n", "rw-r--r--");

        CredentialAttempt attempt = linux(Map.of()).attempt(REQUEST);

        assertThat(attempt.isFound()).isFalse();
        assertThat(attempt.detail())
                .contains(file.toString())
                .contains("group or world access")
                .contains("chmod 600 " + file)
                .doesNotContain("s3cret");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void anyGroupBitMakesTheFileIgnoredAsInLibpq() throws Exception {
        pgpass(home.resolve(".pgpass"), "*:*:*:*:s3cret\n", "rw---x---");

        assertThat(linux(Map.of()).attempt(REQUEST).detail()).contains("group or world access");
    }

    @Test
    void onWindowsPermissionsAreNotChecked() throws Exception {
        Path file = home.resolve("pgpass.conf");
        Files.writeString(file, "*:*:*:*:win\n");
        PgPassLookup lookup = new PgPassLookup(Map.of("PGPASSFILE", file.toString()), home, OsFamily.WINDOWS);

        assertThat(lookup.ignoredBecause(file)).isEmpty();
        assertThat(new String(lookup.attempt(REQUEST).password().orElseThrow())).isEqualTo("win");
    }

    @Test
    void missingFileIsReportedWithTheRuleThatChoseIt() {
        CredentialAttempt attempt = linux(Map.of("PGPASSFILE", home.resolve("nope").toString())).attempt(REQUEST);

        assertThat(attempt.isFound()).isFalse();
        assertThat(attempt.detail()).isEqualTo("no pgpass file at " + home.resolve("nope") + " (PGPASSFILE)");
    }

    @Test
    void directoryIsNotAPlainFile() throws Exception {
        Files.createDirectories(home.resolve(".pgpass"));

        assertThat(linux(Map.of()).attempt(REQUEST).detail()).contains("is not a plain file");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void noMatchingLineNamesTheKeyLookedFor() throws Exception {
        pgpass(home.resolve(".pgpass"), "other:5432:*:*:x\n", "rw-------");

        assertThat(linux(Map.of()).attempt(REQUEST).detail())
                .isEqualTo("no line in " + home.resolve(".pgpass") + " matches db1:5432:app:ana");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void emptyPasswordOnTheFirstMatchMeansNoPassword() throws Exception {
        pgpass(home.resolve(".pgpass"), "db1:5432:app:ana:\n*:*:*:*:later\n", "rw-------");

        CredentialAttempt attempt = linux(Map.of()).attempt(REQUEST);

        assertThat(attempt.isFound()).isFalse();
        assertThat(attempt.detail()).contains("line 1").contains("password is empty");
    }
}
