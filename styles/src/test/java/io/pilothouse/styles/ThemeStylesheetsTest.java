package io.pilothouse.styles;

import javafx.css.CssParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The theme's stylesheets exist and agree with each other: a token used anywhere is defined in both themes. */
class ThemeStylesheetsTest {

    private static final Pattern DEFINED = Pattern.compile("(-ph-[a-z0-9-]+)\\s*:");
    private static final Pattern USED = Pattern.compile(":[^;{]*?(-ph-[a-z0-9-]+)");

    private static String read(String url) throws IOException {
        try (InputStream in = new URL(url).openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Set<String> matches(Pattern p, String css) {
        Set<String> out = new TreeSet<>();
        Matcher m = p.matcher(css.replaceAll("(?s)/\\*.*?\\*/", ""));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void everyStylesheetOfEveryThemeIsOnTheClassPath() throws IOException {
        for (Theme t : Theme.values()) {
            assertThat(read(t.userAgentStylesheet())).contains(".root");
            for (String url : t.stylesheets()) {
                assertThat(read(url)).as(url).isNotBlank();
            }
        }
    }

    @Test
    void everyStylesheetParsesWithoutErrors() throws IOException {
        // JavaFX only logs CSS syntax errors and then drops the broken rule: a selector typo silently un-styles.
        CssParser.errorsProperty().clear();
        for (Theme t : Theme.values()) {
            for (String url : t.stylesheets()) {
                new CssParser().parse(new URL(url));
            }
        }
        assertThat(CssParser.errorsProperty()).extracting(Object::toString).isEmpty();
    }

    @Test
    void bothThemesDefineTheSameTokens() throws IOException {
        Set<String> light = matches(DEFINED, read(Theme.LIGHT.stylesheets().get(0)));
        Set<String> dark = matches(DEFINED, read(Theme.DARK.stylesheets().get(0)));
        assertThat(light).isEqualTo(dark).contains("-ph-danger", "-ph-warn", "-ph-ok", "-ph-leader", "-ph-replica",
                "-ph-stale");
    }

    @Test
    void everyTokenUsedIsDefinedByTheThemeOrLocally() throws IOException {
        Set<String> defined = new TreeSet<>(matches(DEFINED, read(Theme.LIGHT.stylesheets().get(0))));
        Set<String> used = new TreeSet<>();
        for (String url : Theme.LIGHT.stylesheets()) {
            String css = read(url);
            defined.addAll(matches(DEFINED, css)); // per-control tokens such as -ph-role
            used.addAll(matches(USED, css));
        }
        assertThat(defined).containsAll(used);
    }

    @Test
    void theModenaBridgeDefinesTheColoursControlsFxLooksUp() throws IOException {
        String bridge = read(Theme.LIGHT.stylesheets().get(1));
        assertThat(bridge).contains("-fx-background:", "-fx-body-color:", "-fx-control-inner-background:",
                "-fx-text-base-color:", "-fx-accent:", "-fx-focus-color:", "-fx-outer-border:", "-fx-box-border:");
    }

    @Test
    void theWallModeHookIsARootPseudoClass() throws IOException {
        assertThat(Theme.WALL.getPseudoClassName()).isEqualTo("wall");
        assertThat(read(Theme.LIGHT.stylesheets().get(2))).contains(".root:wall");
    }
}
