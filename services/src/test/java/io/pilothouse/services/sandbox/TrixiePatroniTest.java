package io.pilothouse.services.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The failure paths of fetching Patroni 4, with the real apt-get and no network needed. */
class TrixiePatroniTest {

    @TempDir
    Path tmp;

    @Test
    void withoutADebianArchiveConfiguredItSaysSoAndWhatToDo() throws IOException {
        Path apt = Files.createDirectories(tmp.resolve("apt"));
        Files.writeString(apt.resolve("sources.list"), "deb https://vendor.example/apt nodistro main\n");
        TrixiePatroni trixie = new TrixiePatroni(tmp.resolve("cache/patroni"), apt, SandboxUser.detect());

        assertThatThrownBy(() -> trixie.ensure(line -> { }))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("no Debian archive is configured")
                .hasMessageContaining("drop --patroni 4");
        assertThat(trixie.cached()).isEmpty();
    }

    @Test
    void anUnreachableArchiveIsAClearErrorAndLeavesNothingBehind() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Path apt = Files.createDirectories(tmp.resolve("apt"));
        String archive = "http://127.0.0.1:" + closedPort + "/debian";
        Files.writeString(apt.resolve("sources.list"), "deb " + archive + " bookworm main\n");
        Path cache = tmp.resolve("cache/patroni");
        TrixiePatroni trixie = new TrixiePatroni(cache, apt, SandboxUser.detect());
        List<String> progress = new ArrayList<>();

        assertThatThrownBy(() -> trixie.ensure(progress::add))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("Cannot fetch Patroni 4")
                .hasMessageContaining(archive);
        assertThat(progress).anySatisfy(line -> assertThat(line).contains("Debian trixie package index"));
        assertThat(trixie.cached()).isEmpty();
        try (var left = Files.list(cache)) {
            // Only the lock file: the private apt state is removed after a failure.
            assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly(".lock");
        }
    }

    @Test
    void debianVersionsLoseRevisionAndEpoch() {
        assertThat(TrixiePatroni.upstreamVersion("4.0.7-3~deb13u1")).isEqualTo("4.0.7");
        assertThat(TrixiePatroni.upstreamVersion("1:4.1.0-1")).isEqualTo("4.1.0");
        assertThat(TrixiePatroni.upstreamVersion("4.0.7")).isEqualTo("4.0.7");
    }

    @Test
    void patroniReleaseOptionTakesMajorOrFullVersionAndRefusesTheRest() {
        assertThat(PatroniRelease.fromOption("4")).isEqualTo(PatroniRelease.PATRONI_4);
        assertThat(PatroniRelease.fromOption("4.0.7")).isEqualTo(PatroniRelease.PATRONI_4);
        assertThat(PatroniRelease.fromOption(" 3 ")).isEqualTo(PatroniRelease.PATRONI_3);
        assertThatThrownBy(() -> PatroniRelease.fromOption("5")).hasMessageContaining("[3, 4]");
        assertThat(SandboxSpec.defaults(tmp).patroni()).isEqualTo(PatroniRelease.PATRONI_3);
        assertThat(SandboxSpec.defaults(tmp).withPatroni(PatroniRelease.PATRONI_4).withMembers(2).patroni())
                .isEqualTo(PatroniRelease.PATRONI_4);
    }
}
