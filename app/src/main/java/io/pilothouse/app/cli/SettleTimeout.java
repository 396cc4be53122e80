package io.pilothouse.app.cli;

import picocli.CommandLine.Option;

import java.time.Duration;

/** {@code --timeout SECONDS}: how long one-shot commands wait for every member to answer once. */
final class SettleTimeout {

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "15",
            converter = NumericOptions.Positive.class,
            description = "How long to wait for every member to answer (default: ${DEFAULT-VALUE}).")
    int seconds;

    Duration duration() {
        return Duration.ofSeconds(seconds);
    }
}
