package io.pilothouse.views.topology;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What the topology view shows: one cluster snapshot, the current time (for ages), the banners it calls for and
 * the selected member. Fed on the FX thread by the main view model; the view only binds.
 */
public final class TopologyViewModel {

    private final ZoneId zone;
    private final ReadOnlyObjectWrapper<ClusterSnapshot> cluster = new ReadOnlyObjectWrapper<>(this, "cluster");
    private final ReadOnlyObjectWrapper<Instant> now = new ReadOnlyObjectWrapper<>(this, "now", Instant.EPOCH);
    private final ReadOnlyObjectWrapper<Freshness> freshness =
            new ReadOnlyObjectWrapper<>(this, "freshness", Freshness.UNKNOWN);
    private final ReadOnlyListWrapper<Banner> banners =
            new ReadOnlyListWrapper<>(this, "banners", FXCollections.observableArrayList());
    private final ReadOnlyStringWrapper selectedMemberName = new ReadOnlyStringWrapper(this, "selectedMemberName");
    private final ReadOnlyObjectWrapper<Member> selectedMember = new ReadOnlyObjectWrapper<>(this, "selectedMember");

    /** @param zone zone for times of day in banners */
    public TopologyViewModel(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** The cluster shown, or null before the first snapshot. */
    public ReadOnlyObjectProperty<ClusterSnapshot> clusterProperty() {
        return cluster.getReadOnlyProperty();
    }

    /** The current time, advanced about once a second so ages ("last seen 12 s ago") move on a frozen feed. */
    public ReadOnlyObjectProperty<Instant> nowProperty() {
        return now.getReadOnlyProperty();
    }

    /** The cluster's topology freshness; anything but LIVE must not look healthy. */
    public ReadOnlyObjectProperty<Freshness> freshnessProperty() {
        return freshness.getReadOnlyProperty();
    }

    /** Banners to show, most alarming first. */
    public ReadOnlyListProperty<Banner> bannersProperty() {
        return banners.getReadOnlyProperty();
    }

    /** Name of the selected member, or null. */
    public ReadOnlyStringProperty selectedMemberNameProperty() {
        return selectedMemberName.getReadOnlyProperty();
    }

    /** The selected member as in the current snapshot, or null. */
    public ReadOnlyObjectProperty<Member> selectedMemberProperty() {
        return selectedMember.getReadOnlyProperty();
    }

    /** The zone times of day are shown in. */
    public ZoneId zone() {
        return zone;
    }

    /**
     * Shows a snapshot (null for none). Selection follows the member by name across snapshots of the same
     * cluster, and is cleared when the cluster changes or the member leaves.
     */
    public void show(ClusterSnapshot next, Instant at) {
        ClusterSnapshot prev = cluster.get();
        boolean sameCluster = prev != null && next != null && prev.source().equals(next.source())
                && prev.scope().equals(next.scope());
        cluster.set(next);
        now.set(at);
        freshness.set(next == null ? Freshness.UNKNOWN : next.topologyFreshness());
        if (!sameCluster) {
            selectedMemberName.set(null);
        }
        refreshSelection();
        refreshBanners();
    }

    /** Advances the clock without a new snapshot. */
    public void tick(Instant at) {
        now.set(at);
        refreshBanners();
    }

    /** Selects a member by name; null or an unknown name clears the selection. */
    public void selectMember(String name) {
        ClusterSnapshot c = cluster.get();
        selectedMemberName.set(c != null && name != null && c.member(name).isPresent() ? name : null);
        refreshSelection();
    }

    private void refreshSelection() {
        ClusterSnapshot c = cluster.get();
        String name = selectedMemberName.get();
        Member m = c == null || name == null ? null : c.member(name).orElse(null);
        if (m == null) {
            selectedMemberName.set(null);
        }
        selectedMember.set(m);
    }

    private void refreshBanners() {
        ClusterSnapshot c = cluster.get();
        List<Banner> next = c == null ? List.of() : Banners.of(c, now.get(), zone);
        if (!next.equals(banners)) {
            banners.setAll(next);
        }
    }
}
