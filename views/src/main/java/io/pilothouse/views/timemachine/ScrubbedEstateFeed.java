package io.pilothouse.views.timemachine;

import io.pilothouse.services.history.store.PastMoment;
import io.pilothouse.services.model.EstateFeed;
import io.pilothouse.services.model.EstateSnapshot;

import java.util.function.Consumer;

/** The live feed, or the stored moment while the time machine shows one. */
public final class ScrubbedEstateFeed implements EstateFeed {

    private final EstateFeed live;
    private final TimeMachineViewModel machine;

    public ScrubbedEstateFeed(EstateFeed live, TimeMachineViewModel machine) {
        this.live = live;
        this.machine = machine;
    }

    @Override
    public EstateSnapshot latest() {
        PastMoment m = machine.shown();
        return m == null ? live.latest() : m.estate();
    }

    /** Watchers get live changes, and each change of the moment shown (a scrub, back to live). */
    @Override
    public AutoCloseable subscribe(Consumer<EstateSnapshot> listener) {
        AutoCloseable fromLive = live.subscribe(listener);
        AutoCloseable fromMachine = machine.onShownChanged(() -> listener.accept(latest()));
        return () -> {
            fromMachine.close();
            fromLive.close();
        };
    }
}
