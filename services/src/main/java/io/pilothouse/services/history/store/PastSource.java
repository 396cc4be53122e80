package io.pilothouse.services.history.store;

import java.time.Instant;
import java.util.Optional;

/**
 * The stored past as the time machine asks for it. Blocking: call it off the UI thread. Failures come back as
 * {@link HistoryUnavailableException} with a message for the user.
 */
public interface PastSource {

    /** The first and last rebuildable second, or empty when nothing is stored yet. */
    Optional<TimeSpan> span();

    /** The estate at {@code at}, or empty when nothing was stored before it. */
    Optional<PastMoment> momentAt(Instant at);

    /** The first event, alert change or operation after {@code t}. */
    Optional<Instant> eventAfter(Instant t);

    /** The last event before {@code t}. */
    Optional<Instant> eventBefore(Instant t);

    /** From {@code first} to {@code last}, both stored. */
    record TimeSpan(Instant first, Instant last) {
    }

    /** A source with nothing in it (no store). */
    PastSource NONE = new PastSource() {
        @Override
        public Optional<TimeSpan> span() {
            return Optional.empty();
        }

        @Override
        public Optional<PastMoment> momentAt(Instant at) {
            return Optional.empty();
        }

        @Override
        public Optional<Instant> eventAfter(Instant t) {
            return Optional.empty();
        }

        @Override
        public Optional<Instant> eventBefore(Instant t) {
            return Optional.empty();
        }
    };
}
