package io.pilothouse.views.switchover;

import java.util.List;

/**
 * A PgBouncer in front of the cluster that a switchover can hold clients at: PAUSE its databases before Patroni is
 * asked, RESUME once it reaches the new leader (always, also on failure).
 *
 * @param pgbouncer its admin address, {@code host:port}
 * @param databases the databases that would be paused, in order
 */
public record HoldOffer(String pgbouncer, List<String> databases) {

    public HoldOffer {
        databases = List.copyOf(databases);
        if (databases.isEmpty()) {
            throw new IllegalArgumentException("a hold names at least one PgBouncer database");
        }
    }

    /** The checkbox's words: what is paused where. */
    public String label() {
        return "Hold clients at PgBouncer " + pgbouncer + ": PAUSE " + String.join(", ", databases)
                + " before Patroni is asked, RESUME once PgBouncer reaches the new leader (always, also on failure)";
    }
}
