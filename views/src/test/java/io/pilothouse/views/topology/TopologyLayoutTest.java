package io.pilothouse.views.topology;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.views.SampleEstates;
import javafx.geometry.Dimension2D;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TopologyLayoutTest {

    private static TopologyLayout layout(ClusterSnapshot c) {
        return TopologyLayout.of(TopologyTree.of(c), n -> new Dimension2D(260, n.endsWith("e") ? 150 : 100), 30, 80);
    }

    @Test
    void placesTheLeaderAboveItsReplicasAndCentredOverThem() {
        TopologyLayout l = layout(SampleEstates.ordersProd());
        Rectangle2D leader = l.bounds("pg-orders-1");
        Rectangle2D r2 = l.bounds("pg-orders-2");
        Rectangle2D r3 = l.bounds("pg-orders-3");
        assertThat(leader.getMaxY() + 80).isEqualTo(r2.getMinY());
        assertThat(centre(leader)).isEqualTo((centre(r2) + centre(r3)) / 2);
        assertThat(l.width()).isEqualTo(260 * 2 + 30);
    }

    @Test
    void placesACascadingReplicaDirectlyBelowItsUpstreamInTheThirdRow() {
        TopologyLayout l = layout(SampleEstates.billingProd());
        Rectangle2D c = l.bounds("pg-bill-c");
        Rectangle2D d = l.bounds("pg-bill-d");
        assertThat(d.getMinY()).isGreaterThan(c.getMaxY());
        assertThat(centre(d)).isEqualTo(centre(c));
        // The row is as tall as its tallest card (the stale one), so the third row clears it.
        assertThat(d.getMinY()).isEqualTo(l.bounds("pg-bill-e").getMaxY() + 80);
    }

    @Test
    void neverOverlapsCardsForOneToNineMembers() {
        for (int n = 1; n <= 9; n++) {
            List<Member> members = new ArrayList<>();
            members.add(SampleEstates.member("m0", MemberRole.LEADER, "h").build());
            for (int i = 1; i < n; i++) {
                // Every third member cascades from the previous one, to mix depths.
                String upstream = i % 3 == 0 ? "m" + (i - 1) : null;
                members.add(SampleEstates.member("m" + i, MemberRole.REPLICA, "h").upstream(upstream).build());
            }
            ClusterSnapshot c = SampleEstates.cluster("s", "c", "m0", false, null, members, SampleEstates.allLive());
            TopologyLayout l = layout(c);
            List<Rectangle2D> boxes = members.stream().map(m -> l.bounds(m.name())).toList();
            for (int i = 0; i < boxes.size(); i++) {
                for (int j = i + 1; j < boxes.size(); j++) {
                    assertThat(boxes.get(i).intersects(boxes.get(j))).as("members %d and %d of %d", i, j, n).isFalse();
                }
                assertThat(boxes.get(i).getMaxX()).isLessThanOrEqualTo(l.width());
                assertThat(boxes.get(i).getMaxY()).isLessThanOrEqualTo(l.height());
            }
        }
    }

    private static double centre(Rectangle2D r) {
        return r.getMinX() + r.getWidth() / 2;
    }
}
