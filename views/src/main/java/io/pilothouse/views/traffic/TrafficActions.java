package io.pilothouse.views.traffic;

import io.pilothouse.services.trafficops.TrafficPreview;

import java.util.concurrent.CompletableFuture;

/** What the Traffic tab asks the app to do; every answer arrives off the FX thread. */
public interface TrafficActions {

    /** True when every operation will be refused (read-only workspace). */
    boolean readOnly();

    /** What {@code op} will touch, read now. */
    CompletableFuture<TrafficPreview> preview(TrafficOperation op);

    /** Runs {@code op} (audited, under the lock) and returns what was read back, in words. */
    CompletableFuture<String> run(TrafficOperation op);
}
