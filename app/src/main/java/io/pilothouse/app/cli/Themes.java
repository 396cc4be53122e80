package io.pilothouse.app.cli;

import io.pilothouse.styles.Theme;

import java.util.Locale;

/** Parses {@code --theme}. */
final class Themes {

    private Themes() {
    }

    static Theme parse(String name) {
        try {
            return Theme.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserException("unknown theme '" + name + "': use light or dark", 2);
        }
    }
}
