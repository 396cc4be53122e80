package io.pilothouse.app.cli;

/** Tells whether a window can be opened, so GUI commands fail with advice instead of a toolkit stack trace. */
final class Displays {

    private Displays() {
    }

    /** Throws a {@link UserException} with what to do when there is no display on Linux/BSD. */
    static void requireDisplay(String command) {
        requireDisplay(command, System.getProperty("os.name", ""), System.getenv());
    }

    static void requireDisplay(String command, String osName, java.util.Map<String, String> env) {
        String os = osName.toLowerCase();
        if (os.contains("win") || os.contains("mac")) {
            return;
        }
        if (isBlank(env.get("DISPLAY")) && isBlank(env.get("WAYLAND_DISPLAY"))) {
            throw new UserException("no display (DISPLAY is not set): run it under Xvfb, e.g. 'xvfb-run -a ./pilothouse "
                    + command + "', or render a PNG without a display with "
                    + "'./pilothouse screenshot --view topology --out topology.png --workspace FILE'", 3);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
