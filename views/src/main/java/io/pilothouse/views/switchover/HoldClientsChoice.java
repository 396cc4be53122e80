package io.pilothouse.views.switchover;

import io.pilothouse.services.switchover.OperationKind;
import io.pilothouse.services.switchover.SwitchoverRequest;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;

import java.util.Optional;

/**
 * The confirmation page's "Hold clients at PgBouncer" option: offered only when the cluster's workspace source has a
 * PgBouncer (with the databases it would pause named), on by default then, and only for a switchover now (a
 * failover has no leader to drain; a scheduled one runs inside Patroni, without Pilothouse).
 */
public final class HoldClientsChoice {

    /** The checkbox's node id. */
    public static final String ID = "hold-clients";

    private final HoldOffer offer;
    private final BooleanProperty selected = new SimpleBooleanProperty(this, "selected");

    HoldClientsChoice(Optional<HoldOffer> offer) {
        this.offer = offer.orElse(null);
        selected.set(this.offer != null);
    }

    /** What would be held, or empty when no PgBouncer fronts the cluster. */
    public Optional<HoldOffer> offer() {
        return Optional.ofNullable(offer);
    }

    /** Whether the operator wants the hold (meaningful only when offered). */
    public BooleanProperty selectedProperty() {
        return selected;
    }

    /** Whether {@code request}, confirmed, holds clients: offered, chosen, and a switchover now. */
    boolean applies(SwitchoverRequest request) {
        return offer != null && selected.get() && switchoverNow(request);
    }

    private static boolean switchoverNow(SwitchoverRequest request) {
        return request.kind() == OperationKind.SWITCHOVER && request.scheduledAt() == null;
    }

    /** The checkbox for the confirmation page, when the hold is offered for {@code request}. */
    Optional<Node> node(SwitchoverRequest request) {
        if (offer == null || !switchoverNow(request)) {
            return Optional.empty();
        }
        CheckBox box = new CheckBox(offer.label());
        box.setId(ID);
        box.setWrapText(true);
        box.setMaxWidth(560);
        box.selectedProperty().bindBidirectional(selected);
        return Optional.of(box);
    }
}
