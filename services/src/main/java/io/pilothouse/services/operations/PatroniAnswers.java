package io.pilothouse.services.operations;

import io.pilothouse.services.patroni.PatroniAnswer;

import java.util.Locale;

/** Patroni's error answers to commands, explained in words with what to do next. */
final class PatroniAnswers {

    private PatroniAnswers() {
    }

    /** A message for a non-2xx {@code answer} to {@code action} on {@code target}. */
    static String explain(String action, String target, PatroniAnswer answer) {
        String body = answer.body().replaceAll("\\s+", " ").strip();
        String lower = body.toLowerCase(Locale.ROOT);
        String said = body.isEmpty() ? "HTTP " + answer.status() : "HTTP " + answer.status() + " \"" + body + "\"";
        String why;
        if (answer.status() == 401 || answer.status() == 403) {
            why = "Patroni refused the credentials; configure the REST user and password of this source";
        } else if (lower.contains("restart conditions are not satisfied")) {
            why = "the member did not match the restart conditions (no pending restart, or another role); nothing "
                    + "was restarted";
        } else if (lower.contains("already scheduled")) {
            why = "a restart is already scheduled on " + target + "; cancel it first";
        } else if (lower.contains("no restarts are scheduled")) {
            why = "there is no scheduled restart on " + target + " to cancel";
        } else if (lower.contains("paused state")) {
            why = "restarts cannot be scheduled while the cluster is paused; resume it or restart now";
        } else if (lower.contains("in the past")) {
            why = "the restart time is in the past; give a time in the future with a time zone";
        } else if (lower.contains("timezone")) {
            why = "the restart time needs a time zone, e.g. 2030-01-01T03:00:00+00:00";
        } else if (lower.contains("already in progress")) {
            why = "Patroni is busy with another action on " + target + " (" + body + "); wait for it to finish, "
                    + "or force the reinitialisation";
        } else if (lower.contains("i am the leader")) {
            why = target + " is the leader and cannot be reinitialised; switch over first";
        } else if (lower.contains("has no leader")) {
            why = "the cluster has no leader to copy from; fix the leader first";
        } else if (lower.contains("restart failed")) {
            why = "PostgreSQL on " + target + " did not come back up; look at its PostgreSQL log";
        } else if (lower.contains("still starting")) {
            why = "PostgreSQL on " + target + " is still starting; watch it, it may need more time";
        } else if (answer.status() == 409) {
            why = "someone else changed the same thing at the same moment; read the current state and try again";
        } else if (answer.status() == 400 || answer.status() == 422) {
            why = "Patroni rejected the request as invalid input";
        } else if (answer.status() == 503 || answer.status() == 502) {
            why = "Patroni could not do it right now; check the member's Patroni log";
        } else {
            why = "Patroni did not do it";
        }
        return action + " on " + target + " failed: Patroni answered " + said + ": " + why;
    }
}
