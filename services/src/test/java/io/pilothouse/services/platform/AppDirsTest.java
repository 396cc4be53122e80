package io.pilothouse.services.platform;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppDirsTest {

    private static final Path HOME = Path.of("/home/ana");

    @Test
    void linuxWithoutXdgVariablesUsesTheSpecDefaults() {
        AppDirs dirs = new AppDirs("Linux", Map.of(), HOME, "ana");

        assertThat(dirs.configDir()).isEqualTo(Path.of("/home/ana/.config/pilothouse"));
        assertThat(dirs.dataDir()).isEqualTo(Path.of("/home/ana/.local/share/pilothouse"));
        assertThat(dirs.stateDir()).isEqualTo(Path.of("/home/ana/.local/state/pilothouse"));
        assertThat(dirs.cacheDir()).isEqualTo(Path.of("/home/ana/.cache/pilothouse"));
        assertThat(dirs.logDir()).isEqualTo(Path.of("/home/ana/.local/state/pilothouse/logs"));
        assertThat(dirs.defaultWorkspaceFile()).isEqualTo(Path.of("/home/ana/.config/pilothouse/workspace.yaml"));
        assertThat(dirs.auditLog()).isEqualTo(Path.of("/home/ana/.local/state/pilothouse/audit.jsonl"));
        assertThat(dirs.sandboxDir()).isEqualTo(Path.of("/home/ana/.local/state/pilothouse/sandbox"));
    }

    @Test
    void linuxHonoursAbsoluteXdgVariables() {
        AppDirs dirs = new AppDirs("Linux", Map.of(
                "XDG_CONFIG_HOME", "/cfg",
                "XDG_DATA_HOME", "/data",
                "XDG_STATE_HOME", "/state/",
                "XDG_CACHE_HOME", "/cache"), HOME, "ana");

        assertThat(dirs.configDir()).isEqualTo(Path.of("/cfg/pilothouse"));
        assertThat(dirs.dataDir()).isEqualTo(Path.of("/data/pilothouse"));
        assertThat(dirs.stateDir()).isEqualTo(Path.of("/state/pilothouse"));
        assertThat(dirs.cacheDir()).isEqualTo(Path.of("/cache/pilothouse"));
        assertThat(dirs.auditLog()).isEqualTo(Path.of("/state/pilothouse/audit.jsonl"));
    }

    @Test
    void relativeOrBlankXdgVariablesAreIgnoredSoNothingLandsInTheWorkingDirectory() {
        AppDirs dirs = new AppDirs("Linux", Map.of(
                "XDG_CONFIG_HOME", "relative/cfg",
                "XDG_STATE_HOME", "  ",
                "XDG_CACHE_HOME", "."), HOME, "ana");

        assertThat(dirs.configDir()).isEqualTo(Path.of("/home/ana/.config/pilothouse"));
        assertThat(dirs.stateDir()).isEqualTo(Path.of("/home/ana/.local/state/pilothouse"));
        assertThat(dirs.cacheDir()).isEqualTo(Path.of("/home/ana/.cache/pilothouse"));
        assertThat(dirs.defaultWorkspaceFile()).isAbsolute();
    }

    @Test
    void otherUnixesFollowXdgToo() {
        AppDirs dirs = new AppDirs("FreeBSD", Map.of(), HOME, "ana");

        assertThat(dirs.os()).isEqualTo(OsFamily.LINUX);
        assertThat(dirs.configDir()).isEqualTo(Path.of("/home/ana/.config/pilothouse"));
    }

    @Test
    void macOsUsesLibraryFolders() {
        Path home = Path.of("/Users/ana");
        AppDirs dirs = new AppDirs("Mac OS X", Map.of("XDG_CONFIG_HOME", "/ignored"), home, "ana");

        Path support = Path.of("/Users/ana/Library/Application Support/Pilothouse");
        assertThat(dirs.configDir()).isEqualTo(support);
        assertThat(dirs.dataDir()).isEqualTo(support);
        assertThat(dirs.stateDir()).isEqualTo(support);
        assertThat(dirs.logDir()).isEqualTo(Path.of("/Users/ana/Library/Logs/Pilothouse"));
        assertThat(dirs.cacheDir()).isEqualTo(Path.of("/Users/ana/Library/Caches/Pilothouse"));
        assertThat(dirs.defaultWorkspaceFile()).isEqualTo(support.resolve("workspace.yaml"));
        assertThat(dirs.auditLog()).isEqualTo(support.resolve("audit.jsonl"));
    }

    @Test
    void windowsUsesRoamingAppDataForConfigAndLocalAppDataForTheRest() {
        String roaming = "C:\\Users\\ana\\AppData\\Roaming";
        String local = "C:\\Users\\ana\\AppData\\Local";
        AppDirs dirs = new AppDirs("Windows 11", Map.of("APPDATA", roaming, "LOCALAPPDATA", local),
                Path.of("C:\\Users\\ana"), "ana");

        assertThat(dirs.configDir()).isEqualTo(Path.of(roaming).resolve("Pilothouse"));
        assertThat(dirs.dataDir()).isEqualTo(Path.of(local).resolve("Pilothouse"));
        assertThat(dirs.stateDir()).isEqualTo(Path.of(local).resolve("Pilothouse"));
        assertThat(dirs.cacheDir()).isEqualTo(Path.of(local).resolve("Pilothouse").resolve("Cache"));
        assertThat(dirs.logDir()).isEqualTo(Path.of(local).resolve("Pilothouse").resolve("Logs"));
        assertThat(dirs.defaultWorkspaceFile())
                .isEqualTo(Path.of(roaming).resolve("Pilothouse").resolve("workspace.yaml"));
    }

    @Test
    void windowsWithoutAppDataFallsBackToTheProfileFolders() {
        Path home = Path.of("/profiles/ana");
        AppDirs dirs = new AppDirs("Windows 10", Map.of(), home, "ana");

        assertThat(dirs.configDir()).isEqualTo(home.resolve("AppData").resolve("Roaming").resolve("Pilothouse"));
        assertThat(dirs.stateDir()).isEqualTo(home.resolve("AppData").resolve("Local").resolve("Pilothouse"));
    }

    @Test
    void rootGetsASandboxThePostgresUserCanTraverse() {
        AppDirs dirs = new AppDirs("Linux", Map.of(), Path.of("/root"), "root");

        assertThat(dirs.isRoot()).isTrue();
        assertThat(dirs.sandboxDir()).isEqualTo(Path.of("/var/tmp/pilothouse-sandbox"));
        // Only the sandbox moves; root's own settings stay in root's home.
        assertThat(dirs.configDir()).isEqualTo(Path.of("/root/.config/pilothouse"));
    }

    @Test
    void aWindowsUserNamedRootIsNotTheSuperuser() {
        AppDirs dirs = new AppDirs("Windows 11", Map.of(), Path.of("/profiles/root"), "root");

        assertThat(dirs.isRoot()).isFalse();
        assertThat(dirs.sandboxDir()).isEqualTo(dirs.stateDir().resolve("sandbox"));
    }

    @Test
    void relativeHomeIsRefused() {
        assertThatThrownBy(() -> new AppDirs("Linux", Map.of(), Path.of("home/ana"), "ana"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not absolute");
    }

    @Test
    void currentDirectoriesAreAbsoluteAndOutsideTheWorkingDirectory() {
        AppDirs dirs = AppDirs.current();
        Path cwd = Path.of("").toAbsolutePath();

        assertThat(dirs.configDir()).isAbsolute();
        assertThat(dirs.stateDir()).isAbsolute();
        if (!cwd.equals(dirs.home())) {
            assertThat(dirs.configDir().startsWith(cwd)).isFalse();
            assertThat(dirs.auditLog().startsWith(cwd)).isFalse();
        }
    }
}
