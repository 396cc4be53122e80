package io.pilothouse.services.hosts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Destinations read as OpenSSH's ssh reads them, ~/.ssh/config's Host aliases included. */
class SshDestinationTest {

    @TempDir
    Path dir;

    private Optional<Path> config(String text) throws Exception {
        Path file = dir.resolve("config");
        Files.writeString(file, text);
        return Optional.of(file);
    }

    @Test
    void anAliasTakesItsHostNameUserPortAndKeysFromTheConfig() throws Exception {
        Optional<Path> config = config("Host db3\n  HostName 10.0.0.3\n  Port 2222\n  User postgres\n"
                + "  IdentityFile " + dir.resolve("id_db3") + "\n\nHost *\n  ServerAliveInterval 30\n");
        SshDestination d = SshDestination.resolve("db3", config);
        assertThat(d.target()).isEqualTo(new SshTarget("postgres", "10.0.0.3", 2222));
        assertThat(d.identities()).containsExactly(dir.resolve("id_db3"));
        assertThat(d.describe()).isEqualTo("postgres@10.0.0.3:2222 (db3 in " + config.get() + ")");
    }

    @Test
    void whatTheDestinationGivesWinsOverTheConfig() throws Exception {
        Optional<Path> config = config("Host db3\n  HostName 10.0.0.3\n  Port 2222\n  User postgres\n");
        assertThat(SshDestination.resolve("dba@db3:22", config).target())
                .isEqualTo(new SshTarget("dba", "10.0.0.3", 22));
    }

    @Test
    void aPatternHostGivesItsUserAndTheNameStays() throws Exception {
        Optional<Path> config = config("Host *.example.com\n  User dba\n");
        assertThat(SshDestination.resolve("pg1.example.com", config).target())
                .isEqualTo(new SshTarget("dba", "pg1.example.com", 22));
    }

    @Test
    void withoutConfigAndUserTheLocalUserLogsInAsWithSsh() {
        SshDestination d = SshDestination.resolve("db9:2200", Optional.of(dir.resolve("absent")));
        assertThat(d.target()).isEqualTo(new SshTarget(System.getProperty("user.name"), "db9", 2200));
        assertThat(d.config()).isEmpty();
        assertThat(d.describe()).isEqualTo(d.target().toString());
    }

    @Test
    void aJumpHostOrHostKeyAliasIsRefusedInWordsNotIgnored() throws Exception {
        Optional<Path> config = config("Host behind\n  ProxyJump bastion\nHost cmd\n  ProxyCommand nc %h %p\n"
                + "Host alias\n  HostKeyAlias other\n");
        for (String host : List.of("behind", "cmd", "alias")) {
            assertThatThrownBy(() -> SshDestination.resolve("postgres@" + host, config))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("for " + host + ", which Pilothouse does not follow")
                    .hasMessageContaining("user@address:port");
        }
    }

    @Test
    void aHostileNameInTheConfigIsRefusedLikeOneTyped() throws Exception {
        Optional<Path> config = config("Host evil\n  HostName db;touch\n");
        assertThatThrownBy(() -> SshDestination.resolve("postgres@evil", config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gives evil")
                .hasMessageContaining("is not a host name or address");
    }

    @Test
    void aConfigFileMinaCannotReadIsOneLineSayingHowToCheckIt() throws Exception {
        Optional<Path> config = config("Host evil\n  HostName db;touch /tmp/x\n");
        assertThatThrownBy(() -> SshDestination.resolve("postgres@evil", config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot read " + config.get())
                .hasMessageContaining("ssh -G HOST");
    }

    @Test
    void configKeysAreTriedFirstThenTheUsualOnesWithTheAgentKept() throws Exception {
        Optional<Path> config = config("Host db3\n  IdentityFile " + dir.resolve("k") + "\n");
        SshSettings base = SshSettings.defaults();
        SshSettings applied = SshDestination.resolve("postgres@db3", config).applyTo(base);
        assertThat(applied.identities().get(0)).isEqualTo(dir.resolve("k"));
        assertThat(applied.identities()).containsAll(base.identities());
        assertThat(applied.agentSocket()).isEqualTo(base.agentSocket());
    }
}
