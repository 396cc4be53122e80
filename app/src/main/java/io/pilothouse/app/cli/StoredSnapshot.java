package io.pilothouse.app.cli;

import io.pilothouse.app.json.EstateJson;
import io.pilothouse.app.json.Json;
import io.pilothouse.app.wiring.HistoryStores;
import io.pilothouse.services.history.store.HistoryReader;
import io.pilothouse.services.history.store.PastMoment;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code snapshot --at TIME}: the model rebuilt from the history store, printed as {@code snapshot} prints it. */
final class StoredSnapshot {

    private StoredSnapshot() {
    }

    static int print(String at, boolean json, PrintWriter out, PrintWriter err) {
        Instant when = TimeArguments.instant(at, "--at");
        Path file = HistoryStores.file();
        Optional<PastMoment> moment;
        try (HistoryReader r = HistoryReader.open(file)) {
            moment = r.momentAt(when);
        } catch (SQLException | RuntimeException e) {
            throw new UserException("cannot read the history store " + file + ": " + e.getMessage(), 1);
        }
        if (moment.isEmpty()) {
            throw new UserException("the history store " + file + " holds nothing at or before " + when
                    + "; 'pilothouse history --since 30d' shows what it holds", 1);
        }
        PastMoment m = moment.get();
        if (json) {
            out.println(Json.pretty(EstateJson.of(m.estate(), m.alerts(), List.of())));
        } else {
            out.print(SnapshotTable.render(m.estate()));
        }
        out.flush();
        err.println("pilothouse: rebuilt from " + file + " at " + when + " (topology as of " + m.snapshotTime()
                + ", lag and alerts of that second)");
        err.flush();
        return 0;
    }
}
