package io.pilothouse.services.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AptArchiveTest {

    @TempDir
    Path apt;

    @Test
    void findsTheDebianArchiveOfADeb822SourcesFileSkippingSecurityAndThirdParties() throws IOException {
        Files.createDirectories(apt.resolve("sources.list.d"));
        Files.writeString(apt.resolve("sources.list.d/a-vendor.sources"), """
                Types: deb
                URIs: https://vendor.example/apt
                Suites: nodistro
                Components: main
                """);
        Files.writeString(apt.resolve("sources.list.d/debian.sources"), """
                Types: deb
                # a comment
                URIs: http://mirror.example/debian/
                Suites: bookworm bookworm-updates
                Components: main
                Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

                Types: deb
                URIs: http://mirror.example/debian-security
                Suites: bookworm-security
                Components: main
                """);
        Files.writeString(apt.resolve("sources.list.d/ignored.list.disabled"), "deb http://other.example/debian bookworm main\n");

        assertThat(AptArchive.debianUri(apt)).contains("http://mirror.example/debian");
    }

    @Test
    void readsTheOneLineFormatWithOptions() throws IOException {
        Files.writeString(apt.resolve("sources.list"), """
                # deb http://commented.example/debian bookworm main
                deb-src http://src.example/debian bookworm main
                deb [arch=amd64 signed-by=/k.gpg] http://proxy.example:3142/debian bookworm main contrib
                deb http://security.example/debian-security bookworm-security main
                """);

        assertThat(AptArchive.debianUri(apt)).contains("http://proxy.example:3142/debian");
    }

    @Test
    void noDebianArchiveIsEmpty() throws IOException {
        Files.writeString(apt.resolve("sources.list"), "deb https://packages.example/apt cloud-sdk-bookworm main\n");

        assertThat(AptArchive.debianUri(apt)).isEmpty();
        assertThat(AptArchive.debianUri(apt.resolve("missing"))).isEmpty();
    }
}
