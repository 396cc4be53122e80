package io.pilothouse.app;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** Which launcher runs a command in the packaged app: the long-running ones go to the window launcher beside it. */
class WindowLauncherTest {

    @TempDir
    Path bin;
    private Path window;

    @BeforeEach
    void launchers() throws Exception {
        Files.writeString(bin.resolve("pilothouse"), "#!/bin/sh\nexit 0\n");
        // Says how many arguments it got and whether the jpackage launcher's mark reached it, in its exit status.
        window = bin.resolve("pilothouse-window");
        Files.writeString(window, "#!/bin/sh\n[ -z \"${_JPACKAGE_LAUNCHER+set}\" ] || exit 99\nexit $#\n");
        for (Path launcher : new Path[] {bin.resolve("pilothouse"), window}) {
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        System.setProperty("jpackage.app-path", bin.resolve("pilothouse").toString());
        System.setProperty(WindowLauncher.PROPERTY, "pilothouse-window");
    }

    @AfterEach
    void clear() {
        System.clearProperty("jpackage.app-path");
        System.clearProperty(WindowLauncher.PROPERTY);
    }

    @Test
    void theLongRunningCommandsGoToTheWindowLauncherBeside() {
        for (String command : new String[] {"gui", "wall", "demo", "watch"}) {
            assertThat(WindowLauncher.forArgs(command, "--workspace", "w.yaml")).as(command).contains(window);
        }
    }

    @Test
    void theOneShotCommandsStayInThisJvm() {
        assertThat(WindowLauncher.forArgs("snapshot", "--workspace", "w.yaml")).isEmpty();
        assertThat(WindowLauncher.forArgs("--version")).isEmpty();
        assertThat(WindowLauncher.forArgs()).isEmpty();
    }

    @Test
    void withoutTheLauncherPropertyEverythingStaysInThisJvm() {
        System.clearProperty(WindowLauncher.PROPERTY);
        assertThat(WindowLauncher.forArgs("gui")).isEmpty();
    }

    @Test
    void aMissingWindowLauncherKeepsTheCommandHere() throws Exception {
        Files.delete(window);
        assertThat(WindowLauncher.forArgs("gui")).isEmpty();
    }

    @Test
    void theWindowLauncherGetsTheArgumentsAndItsExitStatusIsReturned() {
        assertThat(WindowLauncher.run(window, "gui", "--workspace", "w.yaml")).isEqualTo(3);
    }
}
