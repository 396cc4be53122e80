package io.pilothouse.services.hosts;

import java.util.Map;

/** Signal names as SSH reports them ({@code KILL}, {@code TERM}) to their Linux numbers, for 128+n exit codes. */
final class SignalNumbers {

    private static final Map<String, Integer> NUMBERS = Map.of("HUP", 1, "INT", 2, "QUIT", 3, "ABRT", 6, "KILL", 9,
            "SEGV", 11, "PIPE", 13, "ALRM", 14, "TERM", 15);

    private SignalNumbers() {
    }

    /** The number of {@code name}, or 127 (exit code 255) for a signal not listed. */
    static int of(String name) {
        return NUMBERS.getOrDefault(name.startsWith("SIG") ? name.substring(3) : name, 127);
    }
}
