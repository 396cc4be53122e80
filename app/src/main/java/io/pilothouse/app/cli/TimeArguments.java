package io.pilothouse.app.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parses {@code --since 2h} and {@code --at 2026-12-06T03:12:00Z}; bad input is a clear error with exit 2. */
final class TimeArguments {

    private TimeArguments() {
    }

    /** {@code 90s}, {@code 30m}, {@code 2h}, {@code 7d}, or an ISO instant: the start of the range. */
    static Instant since(String text, Instant now) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.matches("\\d+[smhd]")) {
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            Duration d = switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.minus(d);
        }
        return instant(text, "--since");
    }

    /** An ISO-8601 instant such as {@code 2026-12-06T03:12:00Z}. */
    static Instant instant(String text, String option) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new UserException(option + " " + text + ": not a time; give an ISO time in UTC such as "
                    + "2026-12-06T03:12:00Z" + ("--since".equals(option) ? ", or a duration back from now: 90s, "
                    + "30m, 2h, 7d" : ""), 2);
        }
    }
}
