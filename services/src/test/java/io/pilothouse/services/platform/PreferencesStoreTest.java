package io.pilothouse.services.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PreferencesStoreTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private PreferencesStore store() {
        return new PreferencesStore(dir.resolve("config").resolve(PreferencesStore.FILE_NAME), warnings::add);
    }

    @Test
    void missingFileMeansNothingChosenAndSaysNothing() {
        assertThat(store().load()).isEqualTo(UserPreferences.NONE);
        assertThat(warnings).isEmpty();
    }

    @Test
    void everythingSavedComesBackInANewStore() throws IOException {
        UserPreferences chosen = UserPreferences.NONE.withTheme("dark")
                .withWindow(new WindowPlacement(-1280.0, 24.5, 1600, 1000, true))
                .withLastWorkspace(dir.resolve("ws").resolve("..").resolve("workspace.yaml"))
                .withLagRange("ONE_HOUR");
        store().save(chosen);

        UserPreferences loaded = store().load();

        assertThat(loaded).isEqualTo(chosen);
        assertThat(loaded.lastWorkspaceFile()).contains(dir.resolve("workspace.yaml"));
        assertThat(loaded.windowPlacement().orElseThrow().x()).isEqualTo(-1280.0);
        assertThat(warnings).isEmpty();
    }

    @Test
    void theFileIsPrivateBecauseItNamesAWorkspace() throws IOException {
        store().save(UserPreferences.NONE.withLastWorkspace(dir.resolve("w.yaml")));
        Path file = store().file();
        if (PrivateFiles.isPosix(file)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    @Test
    void invalidJsonIsIgnoredWithOneLineNamingTheFileAndPlace() throws IOException {
        write("{\n  \"theme\": \"dark\",\n  oops\n}");

        assertThat(store().load()).isEqualTo(UserPreferences.NONE);

        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).doesNotContain("\n").contains(store().file().toString())
                .contains("not valid JSON (line 3").contains("using defaults");
    }

    @Test
    void wrongShapesAreIgnoredWithTheReason() throws IOException {
        write("[1, 2]");
        assertThat(store().load()).isEqualTo(UserPreferences.NONE);
        write("{\"window\": {\"x\": 0, \"y\": 0, \"width\": 10, \"height\": 10}}");
        assertThat(store().load()).isEqualTo(UserPreferences.NONE);
        write("{\"window\": {\"x\": \"left\", \"y\": 0, \"width\": 800, \"height\": 600}}");
        assertThat(store().load()).isEqualTo(UserPreferences.NONE);
        write("{\"lastWorkspace\": \"relative/ws.yaml\"}");
        assertThat(store().load()).isEqualTo(UserPreferences.NONE);
        write("{\"theme\": 3}");
        assertThat(store().load()).isEqualTo(UserPreferences.NONE);

        assertThat(warnings).hasSize(5);
        assertThat(warnings.get(0)).contains("does not hold a JSON object");
        assertThat(warnings.get(1)).contains("unusable 'window'").contains("below");
        assertThat(warnings.get(2)).contains("without a number 'x'");
        assertThat(warnings.get(3)).contains("relative 'lastWorkspace'");
        assertThat(warnings.get(4)).contains("'theme' that is not a non-empty string");
    }

    @Test
    void aBrokenFileIsReplacedByTheNextSave() throws IOException {
        write("not json at all");
        store().load();
        store().save(UserPreferences.NONE.withTheme("light"));

        assertThat(store().load().themeName()).contains("light");
        assertThat(warnings).hasSize(1);
    }

    @Test
    void partsNeverChosenStayAbsent() throws IOException {
        store().save(UserPreferences.NONE.withLagRange("ONE_DAY"));
        UserPreferences loaded = store().load();
        assertThat(loaded.lagRangeName()).contains("ONE_DAY");
        assertThat(loaded.themeName()).isEmpty();
        assertThat(loaded.windowPlacement()).isEmpty();
        assertThat(loaded.lastWorkspaceFile()).isEmpty();
    }

    private void write(String text) throws IOException {
        Files.createDirectories(store().file().getParent());
        Files.writeString(store().file(), text);
    }
}
