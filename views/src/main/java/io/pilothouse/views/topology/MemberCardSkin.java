package io.pilothouse.views.topology;

import io.pilothouse.services.model.Member;
import io.pilothouse.views.Styles;
import io.pilothouse.views.format.RoleWords;
import io.pilothouse.views.Tone;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.SkinBase;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;

/** Default skin of {@link MemberCard}: a column of short lines, chips and an optional stale badge. */
final class MemberCardSkin extends SkinBase<MemberCard> {

    private final FontIcon roleIcon = new FontIcon();
    private final Label name = label(Styles.CARD_NAME);
    private final Label roleChip = label(Styles.CHIP, Styles.ROLE_CHIP);
    private final Label endpoint = label(Styles.CARD_ENDPOINT, Styles.MONO);
    private final Region stateDot = new Region();
    private final Label state = label(Styles.CARD_STATE);
    private final Label versions = label(Styles.CARD_VERSIONS, Styles.MUTED);
    private final FlowPane chips = new FlowPane(4, 4);
    private final Label staleBadge = label(Styles.STALE_BADGE);
    private final VBox box;
    private final Subscription subscriptions;

    MemberCardSkin(MemberCard card) {
        super(card);
        // The role sits above the name so long member names keep the full card width.
        roleChip.setGraphic(roleIcon);
        roleChip.setMinWidth(Region.USE_PREF_SIZE);
        name.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        name.setMinWidth(0);
        name.setMaxWidth(Double.MAX_VALUE);

        stateDot.getStyleClass().add(Styles.DOT);
        HBox stateRow = new HBox(6, stateDot, state);
        stateRow.setAlignment(Pos.CENTER_LEFT);

        chips.getStyleClass().add(Styles.CARD_CHIPS);
        staleBadge.setMaxWidth(Double.MAX_VALUE);
        staleBadge.setAlignment(Pos.CENTER);

        box = new VBox(4, roleChip, name, endpoint, stateRow, versions, chips, staleBadge);
        box.setFillWidth(true);
        VBox.setMargin(name, new javafx.geometry.Insets(4, 0, 0, 0));
        VBox.setMargin(chips, new javafx.geometry.Insets(4, 0, 0, 0));
        VBox.setMargin(staleBadge, new javafx.geometry.Insets(6, 0, 0, 0));
        getChildren().add(box);

        subscriptions = card.memberProperty().subscribe(m -> update())
                .and(card.aloneProperty().subscribe(a -> update()))
                .and(card.nowProperty().subscribe(t -> updateBadge()));
    }

    // SkinBase's default sizes leave out the control's padding; the topology lays cards out by these numbers.
    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        return top + box.prefHeight(width < 0 ? -1 : width - left - right) + bottom;
    }

    @Override
    protected double computeMinHeight(double width, double top, double right, double bottom, double left) {
        return computePrefHeight(width, top, right, bottom, left);
    }

    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        return left + box.prefWidth(-1) + right;
    }

    @Override
    public void dispose() {
        subscriptions.unsubscribe();
        super.dispose();
    }

    private void update() {
        Member m = getSkinnable().getMember();
        boolean standalone = RoleWords.standalone(m, getSkinnable().aloneProperty().get() ? 1 : 2);
        // A lone server leads nothing: no crown.
        roleIcon.setIconCode(standalone ? org.kordamp.ikonli.materialdesign2.MaterialDesignD.DATABASE
                : MemberPresentation.roleIcon(m.role()));
        name.setText(m.name());
        roleChip.setText(RoleWords.chip(m, getSkinnable().aloneProperty().get() ? 1 : 2));
        endpoint.setText(m.endpoint());
        Styles.setTone(stateDot, MemberPresentation.stateTone(m.state()));
        state.setText(m.state().label() + (m.timeline() == null ? "" : "  ·  timeline " + m.timeline()));
        // A member of a plain streaming cluster has no Patroni (no API URL, no version): say nothing about it.
        boolean patroni = m.apiUrl() != null || m.patroniVersion() != null;
        versions.setText("PostgreSQL " + orUnknown(m.postgresVersion())
                + (patroni ? "  ·  Patroni " + orUnknown(m.patroniVersion()) : ""));
        List<MemberPresentation.Chip> wanted = MemberPresentation.chips(m);
        chips.getChildren().setAll(wanted.stream().map(MemberCardSkin::chip).toList());
        show(chips, !wanted.isEmpty());
        updateBadge();
    }

    private void updateBadge() {
        Member m = getSkinnable().getMember();
        String badge = MemberPresentation.staleBadge(m, getSkinnable().nowProperty().get());
        staleBadge.setText(badge);
        show(staleBadge, badge != null);
    }

    private static Label chip(MemberPresentation.Chip c) {
        Label l = label(Styles.CHIP, Styles.TAG_CHIP);
        if (c.pendingRestart()) {
            l.getStyleClass().add(Styles.PENDING_RESTART_CHIP);
        }
        l.setText(c.text());
        l.setMinWidth(Region.USE_PREF_SIZE);
        Styles.setTone(l, c.tone() == Tone.NEUTRAL ? null : c.tone());
        return l;
    }

    private static void show(javafx.scene.Node n, boolean visible) {
        n.setVisible(visible);
        n.setManaged(visible);
    }

    private static String orUnknown(String v) {
        return v == null || v.isBlank() ? "?" : v;
    }

    private static Label label(String... styleClasses) {
        Label l = new Label();
        l.getStyleClass().addAll(styleClasses);
        return l;
    }
}
