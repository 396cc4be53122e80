package io.pilothouse.services.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads and writes {@link UserPreferences} as a small JSON file, by default {@code preferences.json} in the
 * platform's config directory ({@link AppDirs#configDir()}).
 *
 * <p>Preferences are a convenience, never a reason not to start: a missing file means nothing was chosen yet; a
 * file that cannot be read or does not hold what is expected is ignored as a whole with one line to the warning
 * sink (which file, what is wrong, that defaults are used), and is replaced at the next save. Writes are atomic and
 * private ({@link PrivateFiles#writeAtomically}): the file names a workspace path.
 */
public final class PreferencesStore {

    /** File name inside the config directory. */
    public static final String FILE_NAME = "preferences.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Consumer<String> warnings;

    /**
     * @param file     the preferences file
     * @param warnings receives one line per ignored file
     */
    public PreferencesStore(Path file, Consumer<String> warnings) {
        this.file = Objects.requireNonNull(file, "file");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /** The store of the running user, warning on standard error. */
    public static PreferencesStore forCurrentUser() {
        return new PreferencesStore(AppDirs.current().configDir().resolve(FILE_NAME),
                line -> System.err.println(line));
    }

    /** The file this store reads and writes. */
    public Path file() {
        return file;
    }

    /** The saved preferences, or {@link UserPreferences#NONE} when there are none or the file is broken. */
    public UserPreferences load() {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return UserPreferences.NONE;
        } catch (IOException e) {
            return ignored("cannot be read (" + e.getMessage() + ")");
        }
        try {
            return parse(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            return ignored("is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        } catch (BrokenPreferences e) {
            return ignored(e.getMessage());
        }
    }

    /**
     * Replaces the file with {@code preferences}.
     *
     * @throws IOException when the config directory or file cannot be written
     */
    public void save(UserPreferences preferences) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        preferences.themeName().ifPresent(t -> root.put("theme", t));
        preferences.windowPlacement().ifPresent(w -> {
            ObjectNode window = root.putObject("window");
            window.put("x", w.x());
            window.put("y", w.y());
            window.put("width", w.width());
            window.put("height", w.height());
            window.put("maximized", w.maximized());
        });
        preferences.lastWorkspaceFile().ifPresent(p -> root.put("lastWorkspace", p.toString()));
        preferences.lagRangeName().ifPresent(r -> root.put("lagRange", r));
        if (!preferences.hiddenPanes().isEmpty()) {
            preferences.hiddenPanes().stream().sorted().forEach(root.putArray("hiddenPanes")::add);
        }
        PrivateFiles.writeAtomically(file, JSON.writeValueAsBytes(root));
    }

    private UserPreferences ignored(String why) {
        warnings.accept("pilothouse: ignoring preferences file " + file + ": it " + why
                + "; using defaults (the file is replaced when preferences are next saved)");
        return UserPreferences.NONE;
    }

    private static UserPreferences parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new BrokenPreferences("does not hold a JSON object");
        }
        WindowPlacement window = null;
        JsonNode w = root.get("window");
        if (w != null && !w.isNull()) {
            if (!w.isObject()) {
                throw new BrokenPreferences("has a 'window' that is not an object");
            }
            try {
                window = new WindowPlacement(number(w, "x"), number(w, "y"), number(w, "width"),
                        number(w, "height"), w.path("maximized").asBoolean(false));
            } catch (IllegalArgumentException e) {
                throw new BrokenPreferences("has an unusable 'window': " + e.getMessage());
            }
        }
        Path workspace = null;
        String workspaceText = text(root, "lastWorkspace");
        if (workspaceText != null) {
            try {
                workspace = Path.of(workspaceText);
            } catch (InvalidPathException e) {
                throw new BrokenPreferences("has a 'lastWorkspace' that is not a path");
            }
            if (!workspace.isAbsolute()) {
                throw new BrokenPreferences("has a relative 'lastWorkspace' (" + workspaceText + ")");
            }
        }
        java.util.Set<String> hidden = new java.util.TreeSet<>();
        JsonNode panes = root.get("hiddenPanes");
        if (panes != null && panes.isArray()) {
            // Names this version does not know are kept out: the side that applies them ignores them anyway.
            panes.forEach(p -> {
                if (p.isTextual()) {
                    hidden.add(p.asText());
                }
            });
        }
        return new UserPreferences(text(root, "theme"), window, workspace, text(root, "lagRange"), hidden);
    }

    private static double number(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || !value.isNumber()) {
            throw new BrokenPreferences("has a 'window' without a number '" + field + "'");
        }
        return value.asDouble();
    }

    private static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new BrokenPreferences("has a '" + field + "' that is not a non-empty string");
        }
        return value.asText();
    }

    /** The file parsed as JSON but does not say what preferences say. */
    private static final class BrokenPreferences extends RuntimeException {
        BrokenPreferences(String message) {
            super(message, null, false, false);
        }
    }
}
