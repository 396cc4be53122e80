package io.pilothouse.app.cli;

import io.pilothouse.services.platform.UserPreferences;
import io.pilothouse.styles.Theme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuiStartChoicesTest {

    private static final String WORKSPACE = """
            name: remembered
            readOnly: true
            sources:
              - name: demo
                etcd:
                  endpoints: ["http://127.0.0.1:2379"]
                  namespace: /service/
            """;

    @TempDir
    Path dir;

    @Test
    void theCommandLineThemeWinsOverTheSavedOne() {
        GuiStartChoices choices = new GuiStartChoices(UserPreferences.NONE.withTheme("dark"));
        assertThat(choices.theme("light")).isEqualTo(Theme.LIGHT);
        assertThat(choices.theme(null)).isEqualTo(Theme.DARK);
    }

    @Test
    void anUnknownSavedThemeFallsBackToLight() {
        assertThat(new GuiStartChoices(UserPreferences.NONE.withTheme("purple")).theme(null)).isEqualTo(Theme.LIGHT);
        assertThat(new GuiStartChoices(UserPreferences.NONE).theme(null)).isEqualTo(Theme.LIGHT);
    }

    @Test
    void withoutASourceTheLastWorkspaceIsOpened() throws IOException {
        Path file = Files.writeString(dir.resolve("ws.yaml"), WORKSPACE);
        GuiStartChoices choices = new GuiStartChoices(UserPreferences.NONE.withLastWorkspace(file));

        assertThat(choices.workspace(new SourceOptions()).name()).isEqualTo("remembered");
    }

    @Test
    void aBrokenLastWorkspaceIsABadInputErrorNamingTheWayOut() throws IOException {
        Path file = Files.writeString(dir.resolve("ws.yaml"), "sources: [");
        GuiStartChoices choices = new GuiStartChoices(UserPreferences.NONE.withLastWorkspace(file));

        assertThatThrownBy(() -> choices.workspace(new SourceOptions()))
                .isInstanceOf(UserException.class).hasMessageContaining("--workspace FILE");
    }

    @Test
    void aNamedWorkspaceFileBecomesTheLastOne() {
        SourceOptions source = new SourceOptions();
        source.choice = new SourceOptions.Choice();
        source.choice.workspace = dir.resolve("named.yaml");

        UserPreferences next = new GuiStartChoices(UserPreferences.NONE.withTheme("dark")).remembering(source);

        assertThat(next.lastWorkspaceFile()).contains(dir.resolve("named.yaml"));
        assertThat(next.themeName()).contains("dark");
        assertThat(new GuiStartChoices(UserPreferences.NONE).remembering(new SourceOptions()))
                .isEqualTo(UserPreferences.NONE);
    }
}
