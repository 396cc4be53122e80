package io.pilothouse.services.switchover;

import java.util.Locale;

/** How an operation ended. */
public enum Outcome {
    /** Done and every verification item passed or warned. */
    COMPLETED,
    /** Patroni accepted a switchover for later. */
    SCHEDULED,
    /** Not attempted: a pre-check failed or Patroni refused; nothing changed. */
    REFUSED,
    /** Attempted, and the cluster did not end where asked within the time allowed. */
    FAILED,
    /**
     * Patroni's answer was lost and the cluster was still moving when watching stopped; or the candidate leads but a
     * verification line failed within the bound (a replica not streaming where expected, …): look before trusting it.
     */
    UNCERTAIN;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
