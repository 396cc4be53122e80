package io.pilothouse.services.operations;

import io.pilothouse.services.patroni.PatroniAnswer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Patroni 3.0.2's error answers (texts from its api.py and ha.py) explained in words. */
class PatroniAnswersTest {

    private static String explain(String action, int status, String body) {
        return PatroniAnswers.explain(action, "node2", new PatroniAnswer("POST", "http://x/restart", status, body));
    }

    @Test
    void explainsRestartAnswers() {
        assertThat(explain("restart", 503, "restart conditions are not satisfied"))
                .contains("HTTP 503").contains("did not match the restart conditions").contains("nothing was restarted");
        assertThat(explain("restart", 409, "Another restart is already scheduled"))
                .contains("already scheduled on node2").contains("cancel it first");
        assertThat(explain("restart", 503, "restart failed")).contains("look at its PostgreSQL log");
        assertThat(explain("restart", 500, "Can't schedule restart in the paused state")).contains("resume it");
        assertThat(explain("restart", 422, "Cannot schedule restart in the past")).contains("in the future");
        assertThat(explain("restart", 400, "Timezone information is mandatory for the scheduled restart"))
                .contains("time zone");
        assertThat(explain("cancel restart", 404, "no restarts are scheduled")).contains("no scheduled restart");
    }

    @Test
    void explainsReinitializeAndGenericAnswers() {
        assertThat(explain("reinitialize", 503, "I am the leader, can not reinitialize")).contains("switch over");
        assertThat(explain("reinitialize", 503, "restart already in progress")).contains("busy").contains("force");
        assertThat(explain("reinitialize", 503, "Cluster has no leader, can not reinitialize"))
                .contains("no leader to copy from");
        assertThat(explain("pause", 401, "")).contains("HTTP 401").contains("credentials");
        assertThat(explain("configuration change", 409, "")).contains("try again");
        assertThat(explain("configuration change", 400, "")).startsWith("configuration change on node2 failed")
                .contains("invalid input");
    }
}
