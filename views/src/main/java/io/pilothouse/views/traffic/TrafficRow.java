package io.pilothouse.views.traffic;

import io.pilothouse.views.Tone;

import java.util.List;

/**
 * One row of a Traffic table: its cells in column order, how alarming it is, and what an operation on it targets.
 *
 * @param cells  the texts, one per column
 * @param tone   {@link Tone#DANGER} for a critical problem, {@link Tone#WARN} for another, else neutral or OK
 * @param target the HAProxy {@code backend/server} or PgBouncer database the row's menu acts on, or null
 */
public record TrafficRow(List<String> cells, Tone tone, String target) {

    public TrafficRow {
        cells = List.copyOf(cells);
    }
}
