package io.pilothouse.services.switchover;

import io.pilothouse.services.patroni.PatroniAnswer;

/**
 * Patroni's answers to {@code POST /switchover} and {@code POST /failover}, in words. Patroni 3.0.2 answers in
 * plain text: 200 once the leader moved (it polls up to 20 s), 202 when scheduled, 400 for a malformed or
 * impossible request, 412 when its own candidate check refuses, 503 when the key could not be written, the
 * switchover failed, or its status is unknown after polling.
 */
final class PatroniVerdicts {

    /** What to do next. */
    enum Next {
        /** It happened (or is happening): verify. */
        VERIFY,
        /** Accepted for later. */
        SCHEDULED,
        /** Nothing happened. */
        REFUSED,
        /** Patroni gave up: watch, the cluster may still be moving. */
        WATCH
    }

    private PatroniVerdicts() {
    }

    static Next next(PatroniAnswer answer) {
        int s = answer.status();
        if (s == 200) {
            return Next.VERIFY;
        }
        if (s == 202) {
            return Next.SCHEDULED;
        }
        if (s == 503 && answer.body().toLowerCase(java.util.Locale.ROOT).contains("unknown")) {
            return Next.WATCH;
        }
        if (s == 503 && answer.body().toLowerCase(java.util.Locale.ROOT).endsWith("failed")) {
            // The candidate did not take the key; Patroni may still retry within the loop: watch, then judge.
            return Next.WATCH;
        }
        return Next.REFUSED;
    }

    /** One sentence for the report. */
    static String explain(PatroniAnswer answer, String action) {
        String body = answer.body().isEmpty() ? "(no text)" : "\"" + answer.body() + "\"";
        return switch (answer.status()) {
            case 200 -> "Patroni: " + body;
            case 202 -> "Patroni accepted the " + action + " for later: " + body;
            case 400 -> "Patroni rejected the request as invalid: " + body;
            case 401, 403 -> "Patroni refused the credentials (HTTP " + answer.status() + "): set the REST API user "
                    + "for this source and its password in the keyring or pgpass";
            case 412 -> "Patroni refused: " + body + ". It promotes only a member that is running, not tagged "
                    + "nofailover, within maximum_lag_on_failover and, in synchronous mode, a sync standby; the "
                    + "pre-check matrix shows which of these changed";
            case 503 -> "Patroni could not complete the " + action + ": " + body;
            default -> "Patroni answered HTTP " + answer.status() + ": " + body;
        };
    }
}
