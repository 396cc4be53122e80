package io.pilothouse.views.traffic;

import io.pilothouse.services.traffic.TrafficFeed;
import io.pilothouse.views.DialogWindows;

import java.util.concurrent.Executor;

/**
 * What the Traffic tab needs from the app.
 *
 * @param feed    the traffic snapshots (listeners called off the FX thread)
 * @param actions the operations, or null for a view without them (screenshots)
 * @param windows where confirmations open, or null
 * @param fx      the FX executor snapshots and answers are applied on
 */
public record TrafficInputs(TrafficFeed feed, TrafficActions actions, DialogWindows windows, Executor fx) {
}
