package io.pilothouse.services.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The side panes the user hid are saved with the other preferences and found again at the next start. */
class HiddenPanesPreferencesTest {

    @TempDir
    Path dir;

    @Test
    void hiddenPanesSurviveARestartAndShownOnesLeaveNoTrace() throws Exception {
        List<String> warnings = new ArrayList<>();
        PreferencesStore store = new PreferencesStore(dir.resolve("preferences.json"), warnings::add);
        UserPreferences p = UserPreferences.NONE.withTheme("dark").withPaneHidden("details", true)
                .withPaneHidden("workspace", true).withPaneHidden("workspace", false);
        store.save(p);
        UserPreferences again = new PreferencesStore(dir.resolve("preferences.json"), warnings::add).load();
        assertThat(again.hiddenPanes()).isEqualTo(Set.of("details"));
        assertThat(again.themeName()).contains("dark");
        assertThat(warnings).isEmpty();

        store.save(again.withPaneHidden("details", false));
        assertThat(Files.readString(dir.resolve("preferences.json"))).doesNotContain("hiddenPanes");
        assertThat(store.load().hiddenPanes()).isEmpty();
    }

    @Test
    void anOlderFileWithoutPanesShowsEveryPane() throws Exception {
        Files.writeString(dir.resolve("preferences.json"), "{\"theme\":\"light\"}");
        assertThat(new PreferencesStore(dir.resolve("preferences.json"), w -> { }).load().hiddenPanes()).isEmpty();
    }
}
