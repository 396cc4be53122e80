package io.pilothouse.services.credentials;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PgPassFileTest {

    private static String password(PgPassFile file, String host, int port, String db, String user) {
        return file.find(host, port, db, user).map(m -> new String(m.password())).orElse(null);
    }

    @Test
    void exactLineMatchesOnlyItsKey() {
        PgPassFile f = PgPassFile.parse("db1:5432:app:ana:s3cret\n");

        assertThat(password(f, "db1", 5432, "app", "ana")).isEqualTo("s3cret");
        assertThat(password(f, "db2", 5432, "app", "ana")).isNull();
        assertThat(password(f, "db1", 5433, "app", "ana")).isNull();
        assertThat(password(f, "db1", 5432, "other", "ana")).isNull();
        assertThat(password(f, "db1", 5432, "app", "bob")).isNull();
    }

    @Test
    void starFieldsMatchAnything() {
        PgPassFile f = PgPassFile.parse("*:*:*:monitor:mon-pw\n");

        assertThat(password(f, "10.0.0.7", 6432, "postgres", "monitor")).isEqualTo("mon-pw");
        assertThat(password(f, "10.0.0.7", 6432, "postgres", "ana")).isNull();
    }

    @Test
    void firstMatchingLineWinsEvenIfALaterOneIsMoreSpecific() {
        PgPassFile f = PgPassFile.parse("""
                *:*:*:ana:generic
                db1:5432:app:ana:specific
                """);

        Optional<PgPassFile.Match> match = f.find("db1", 5432, "app", "ana");
        assertThat(match).isPresent();
        assertThat(new String(match.get().password())).isEqualTo("generic");
        assertThat(match.get().line()).isEqualTo(1);
    }

    @Test
    void escapedColonAndBackslashAreLiteralInPasswords() {
        PgPassFile f = PgPassFile.parse("db1:5432:app:ana:pa\\:ss\\\\word\n");

        assertThat(password(f, "db1", 5432, "app", "ana")).isEqualTo("pa:ss\\word");
    }

    @Test
    void escapedColonsInTheHostFieldMatchAnIpv6Address() {
        PgPassFile f = PgPassFile.parse("\\:\\:1:5432:*:ana:v6pw\n");

        assertThat(password(f, "::1", 5432, "app", "ana")).isEqualTo("v6pw");
    }

    @Test
    void escapedStarIsALiteralStarNotAWildcard() {
        PgPassFile f = PgPassFile.parse("db1:5432:\\*:ana:starpw\n");

        assertThat(password(f, "db1", 5432, "app", "ana")).isNull();
        assertThat(password(f, "db1", 5432, "*", "ana")).isEqualTo("starpw");
    }

    @Test
    void aStarPasswordIsJustAPassword() {
        PgPassFile f = PgPassFile.parse("db1:5432:app:ana:*\n");

        assertThat(password(f, "db1", 5432, "app", "ana")).isEqualTo("*");
    }

    @Test
    void commentsBlankAndShortLinesAreSkipped() {
        PgPassFile f = PgPassFile.parse("""
                # db1:5432:app:ana:commented-out

                db1:5432:app:ana
                db1:5432:app:ana:real
                """);

        assertThat(f.entryCount()).isEqualTo(1);
        assertThat(f.find("db1", 5432, "app", "ana").orElseThrow().line()).isEqualTo(4);
        assertThat(password(f, "db1", 5432, "app", "ana")).isEqualTo("real");
    }

    @Test
    void textAfterAnUnescapedColonFollowingThePasswordIsIgnored() {
        PgPassFile f = PgPassFile.parse("db1:5432:app:ana:pw:trailing stuff\n");

        assertThat(password(f, "db1", 5432, "app", "ana")).isEqualTo("pw");
    }

    @Test
    void windowsLineEndingsAreStripped() {
        PgPassFile f = PgPassFile.parse("db1:5432:app:ana:crlf\r\nlast:5432:app:ana:noeol");

        assertThat(password(f, "db1", 5432, "app", "ana")).isEqualTo("crlf");
        assertThat(password(f, "last", 5432, "app", "ana")).isEqualTo("noeol");
    }

    @Test
    void blankHostIsMatchedAsLocalhostAsInLibpq() {
        PgPassFile f = PgPassFile.parse("localhost:5432:app:ana:local\n");

        assertThat(password(f, null, 5432, "app", "ana")).isEqualTo("local");
        assertThat(password(f, "", 5432, "app", "ana")).isEqualTo("local");
    }

    @Test
    void emptyPasswordOnTheFirstMatchIsReturnedAsEmpty() {
        PgPassFile f = PgPassFile.parse("db1:5432:app:ana:\n*:*:*:*:fallback\n");

        assertThat(password(f, "db1", 5432, "app", "ana")).isEmpty();
    }

    @Test
    void toStringNeverShowsPasswords() {
        PgPassFile f = PgPassFile.parse("db1:5432:app:ana:s3cret\n");

        assertThat(f.toString()).doesNotContain("s3cret");
        assertThat(f.entries().get(0).toString()).doesNotContain("s3cret").contains("<redacted>");
        assertThat(f.find("db1", 5432, "app", "ana").orElseThrow().toString()).doesNotContain("s3cret");
    }

    @Test
    void clearWipesParsedPasswordsButNotMatchesAlreadyHandedOut() {
        PgPassFile f = PgPassFile.parse("db1:5432:app:ana:s3cret\n");
        char[] handedOut = f.find("db1", 5432, "app", "ana").orElseThrow().password();

        f.clear();

        assertThat(new String(f.entries().get(0).password())).isEqualTo("\0\0\0\0\0\0");
        assertThat(new String(handedOut)).isEqualTo("s3cret");
    }
}
