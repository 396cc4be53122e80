package io.pilothouse.views.wall;

import java.util.List;

/**
 * What one tile shows, all words decided: the view only copies them onto its labels. Immutable; equal models draw
 * the same tile, so a tile skips the update when its model did not change.
 *
 * @param key        {@code source/scope}, unique in the estate
 * @param name       the cluster's name as shown (its scope, or {@code source/scope} when two sources share it)
 * @param state      the worst thing about it
 * @param leader     {@code leader pg-1}, or {@code no leader}
 * @param marks      one per member, leader first
 * @param memberNames the members' names in the marks' order (tooltips, tests)
 * @param lag        {@code lag 12.0 MiB}, {@code lag ≥ 12.0 MiB} (some not known), {@code lag ?} or
 *                   {@code no replicas}
 * @param sync       {@code async}, {@code sync: node2}, {@code ANY 1 of 3} (quorum), ...
 * @param alerts     how many alerts are active on it
 * @param age        {@code 2 s old}, {@code no data for 47 s}, {@code no data yet}
 * @param stale      true when the topology is not live (the tile is greyed, never green)
 * @param worstLagBytes the largest replica lag known, or -1 (for the order)
 * @param lagUnknown some replica's lag is not known ({@code lag ?}, {@code lag ≥ …}): it sorts as worse than any
 *                   known lag of a tile in the same state, never as a quiet {@code lag 0 B}
 */
public record TileModel(String key, String name, TileState state, String leader, List<MarkState> marks,
                        List<String> memberNames, String lag, String sync, int alerts, String age, boolean stale,
                        long worstLagBytes, boolean lagUnknown) {

    public TileModel {
        marks = List.copyOf(marks);
        memberNames = List.copyOf(memberNames);
    }

    /** {@code 2 alerts}, {@code 1 alert} or {@code no alerts}. */
    public String alertsText() {
        return alerts == 0 ? "no alerts" : alerts + (alerts == 1 ? " alert" : " alerts");
    }
}
