package io.pilothouse.views.reshard;

import io.pilothouse.services.shards.map.ShardMap;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Optional;

/**
 * What the resharding wizard is asked to move where: the partition and the target server (offered from the shard
 * map, or typed), the role every step connects as, a move or a split (and the split's new name), with the split's
 * bounds and why a partition cannot split. Part of {@link ReshardWizardModel}; no I/O.
 */
public final class ReshardChoice {

    /** What the plan does with the partition. */
    public enum Kind {
        /** Move the whole partition to another node. */
        MOVE,
        /** Split a hash partition in two: one half stays, the other becomes a new partition on another node. */
        SPLIT
    }

    /** The role a move connects as unless changed: subscriptions need a superuser, and the CLI defaults to it too. */
    public static final String DEFAULT_ROLE = "postgres";


    private final String cluster;
    private final ObservableList<PartitionOption> options = FXCollections.observableArrayList();
    private final ObservableList<String> targets = FXCollections.observableArrayList();
    private final StringProperty partition = new SimpleStringProperty(this, "partition", "");
    private final StringProperty target = new SimpleStringProperty(this, "target", "");
    private final StringProperty role = new SimpleStringProperty(this, "role", DEFAULT_ROLE);
    private final ObjectProperty<Kind> kind = new SimpleObjectProperty<>(this, "kind", Kind.MOVE);
    private final StringProperty newName = new SimpleStringProperty(this, "newName", "");
    private final StringBinding splitBounds;
    private final StringBinding splitProblem;
    private final BooleanBinding complete;

    /** @param cluster the coordinator's cluster (scope) whose partitions are offered first */
    ReshardChoice(String cluster) {
        this.cluster = cluster;
        partition.subscribe(p -> offerTargets());
        splitBounds = Bindings.createStringBinding(() -> kind.get() != Kind.SPLIT ? ""
                : option(partition.get()).flatMap(o -> o.splitBounds(target.get())).orElse(""),
                kind, partition, target, options);
        splitProblem = Bindings.createStringBinding(() -> kind.get() != Kind.SPLIT ? ""
                : option(partition.get()).filter(o -> o.hash().isEmpty()).map(o -> o.partition() + " is not a hash "
                        + "partition (" + (o.bound() == null ? "bound unknown" : o.bound().display()) + "); only "
                        + "hash partitions split in two.").orElse(""), kind, partition, options);
        complete = Bindings.createBooleanBinding(() -> !partition.get().isBlank() && !target.get().isBlank()
                && !role.get().isBlank() && splitProblem.get().isEmpty(), partition, target, role, splitProblem);
    }

    /** Offers the partitions of {@code maps} (the coordinator's cluster first) and their targets. */
    void offer(List<ShardMap> maps) {
        options.setAll(PartitionOption.of(maps, cluster));
        offerTargets();
    }

    /** True when a partition, a target and a role are given and a split (if chosen) can be made. */
    boolean complete() {
        return complete.get();
    }

    BooleanBinding completeBinding() {
        return complete;
    }

    private void offerTargets() {
        Optional<PartitionOption> o = option(partition.get());
        List<String> next = o.map(PartitionOption::targets).orElseGet(() -> options.stream()
                .flatMap(p -> p.targets().stream()).distinct().sorted().toList());
        targets.setAll(next);
        if (!next.isEmpty() && (target.get().isBlank() || !next.contains(target.get()))) {
            target.set(o.isPresent() ? next.get(0) : target.get());
        }
    }

    /** The offered partition with this name. */
    public Optional<PartitionOption> option(String name) {
        String n = name == null ? "" : name.trim();
        return options.stream().filter(p -> p.partition().equals(n)).findFirst();
    }

    /** Partitions offered, from the shard map. */
    public ObservableList<PartitionOption> options() {
        return options;
    }

    /** Target servers offered for the chosen partition. */
    public ObservableList<String> targets() {
        return targets;
    }

    /** The partition to move, as chosen or typed. */
    public StringProperty partitionProperty() {
        return partition;
    }

    /** The coordinator's foreign server for the target node, as chosen or typed. */
    public StringProperty targetProperty() {
        return target;
    }

    /** The role every step connects as (a superuser, or the owner with REPLICATION and CREATE). */
    public StringProperty roleProperty() {
        return role;
    }

    /** Move the whole partition, or split a hash partition in two. */
    public ObjectProperty<Kind> kindProperty() {
        return kind;
    }

    /** The split's new partition name as typed; blank for the planner's default. */
    public StringProperty newNameProperty() {
        return newName;
    }

    /**
     * For a split of an offered hash partition, the two bounds it leaves ({@code 3 mod 16 stays on shard2, 11 mod 16
     * goes to shard1}); empty otherwise.
     */
    public StringBinding splitBoundsBinding() {
        return splitBounds;
    }

    /** For a split, why the chosen partition cannot be split (not a hash partition); empty when it can. */
    public StringBinding splitProblemBinding() {
        return splitProblem;
    }

    /** True when a split is chosen and {@code name} is an offered partition that cannot split (not hash). */
    public boolean unsplittable(String name) {
        return kind.get() == Kind.SPLIT && option(name).map(o -> o.hash().isEmpty()).orElse(false);
    }
}
