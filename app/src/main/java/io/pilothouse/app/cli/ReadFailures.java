package io.pilothouse.app.cli;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.model.SourceKind;
import io.pilothouse.services.model.SourceStatus;
import io.pilothouse.services.postgres.SqlFailure;

import java.util.ArrayList;
import java.util.List;

/** Reads of a snapshot that failed in a way a one-shot command must not exit 0 on. */
final class ReadFailures {

    private ReadFailures() {
    }

    /** Each cluster whose PostgreSQL reads were refused at login, with the server's words. */
    static List<String> authentication(EstateSnapshot estate) {
        String marker = SqlFailure.Cause.AUTHENTICATION_FAILED.words() + ":";
        List<String> out = new ArrayList<>();
        for (ClusterSnapshot c : estate.clusters()) {
            SourceStatus sql = c.sources().get(SourceKind.POSTGRES);
            if (sql != null && sql.lastError() != null && sql.lastError().contains(marker)) {
                out.add(c.scope() + ": " + sql.lastError());
            }
        }
        return out;
    }
}
