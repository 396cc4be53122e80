package io.pilothouse.views.details;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.views.Styles;
import io.pilothouse.views.Tone;
import io.pilothouse.views.format.LagFormat;
import io.pilothouse.views.topology.MemberPresentation;
import io.pilothouse.views.topology.TopologyViewModel;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;
import java.util.Set;

/**
 * The right-hand pane: the selected member's facts in sections (member, replication, lag from Patroni and from
 * SQL, software, freshness) and its tags. Rebuilt only when the rows actually change.
 */
public final class MemberDetailsView {

    private static final Set<String> QUIET_VALUES = Set.of(LagFormat.UNKNOWN, "not reported", "never", "no");

    private final TopologyViewModel vm;
    private final VBox content = new VBox(18);
    private final ScrollPane root = new ScrollPane(content);
    private final Subscription subscriptions;
    private List<MemberDetails.Section> shown;
    private Member shownMember;

    /** @param vm the topology view model whose selected member is shown */
    public MemberDetailsView(TopologyViewModel vm) {
        this.vm = vm;
        content.getStyleClass().add(Styles.DETAILS);
        root.getStyleClass().add(Styles.DETAILS);
        root.setFitToWidth(true);
        root.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        // The cluster matters too: upstream and timeline rows compare the member with the current leader.
        subscriptions = vm.selectedMemberProperty().subscribe(m -> refresh())
                .and(vm.clusterProperty().subscribe(c -> refresh()))
                .and(vm.nowProperty().subscribe(t -> refresh()));
    }

    /** The node to put in a window. */
    public Parent root() {
        return root;
    }

    /** Stops listening to the view model. */
    public void dispose() {
        subscriptions.unsubscribe();
    }

    private void refresh() {
        Member m = vm.selectedMemberProperty().get();
        ClusterSnapshot c = vm.clusterProperty().get();
        if (m == null || c == null) {
            shown = null;
            shownMember = null;
            Label hint = new Label("Select a member to see its details.\nClick a card, or Tab to it and press Enter.");
            hint.getStyleClass().add(Styles.PLACEHOLDER);
            hint.setWrapText(true);
            content.getChildren().setAll(hint);
            return;
        }
        List<MemberDetails.Section> sections = MemberDetails.sections(m, c, vm.nowProperty().get(), vm.zone());
        if (sections.equals(shown) && m.equals(shownMember)) {
            return;
        }
        shown = sections;
        shownMember = m;
        content.getChildren().setAll(header(m, c));
        sections.forEach(s -> content.getChildren().add(section(s)));
        content.getChildren().add(tags(m));
    }

    private static Node header(Member m, ClusterSnapshot c) {
        FontIcon icon = new FontIcon(MemberPresentation.roleIcon(m.role()));
        Label name = new Label(m.name());
        name.getStyleClass().add(Styles.DETAILS_TITLE);
        name.setMinWidth(0);
        Label role = new Label(io.pilothouse.views.format.RoleWords.chip(m, c.members().size()));
        role.getStyleClass().addAll(Styles.CHIP, Styles.ROLE_CHIP);
        role.setMinWidth(Region.USE_PREF_SIZE);
        Styles.setRole(role, m.role());
        Styles.setRole(icon, m.role());
        HBox title = new HBox(10, icon, name, role);
        title.setAlignment(Pos.CENTER_LEFT);
        Label endpoint = new Label(m.endpoint());
        endpoint.getStyleClass().addAll(Styles.DETAILS_SUBTITLE, Styles.MONO, Styles.MUTED);
        return new VBox(4, title, endpoint);
    }

    private static Node section(MemberDetails.Section s) {
        Label title = new Label(s.title().toUpperCase());
        title.getStyleClass().add(Styles.DETAILS_SECTION);
        GridPane grid = new GridPane();
        grid.getStyleClass().add(Styles.DETAILS_GRID);
        grid.setHgap(12);
        grid.setVgap(6);
        ColumnConstraints keys = new ColumnConstraints();
        keys.setMinWidth(Region.USE_PREF_SIZE);
        keys.setPrefWidth(118);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setMinWidth(0);
        grid.getColumnConstraints().setAll(keys, values);
        int row = 0;
        for (MemberDetails.Row r : s.rows()) {
            Label k = new Label(r.key());
            k.getStyleClass().addAll(Styles.DETAILS_KEY, Styles.MUTED);
            k.setMinWidth(Region.USE_PREF_SIZE);
            Label v = new Label(r.value());
            v.getStyleClass().add(Styles.DETAILS_VALUE);
            v.setWrapText(true);
            if (QUIET_VALUES.contains(r.value())) {
                v.getStyleClass().add(Styles.SUBTLE);
            }
            Styles.setTone(v, r.tone() == Tone.NEUTRAL ? null : r.tone());
            GridPane.setValignment(k, VPos.TOP);
            grid.addRow(row++, k, v);
        }
        return new VBox(8, title, grid);
    }

    private static Node tags(Member m) {
        Label title = new Label("TAGS");
        title.getStyleClass().add(Styles.DETAILS_SECTION);
        List<MemberPresentation.Chip> chips = MemberPresentation.chips(m);
        FlowPane flow = new FlowPane(6, 6);
        if (chips.isEmpty()) {
            Label none = new Label("none");
            none.getStyleClass().add(Styles.SUBTLE);
            flow.getChildren().add(none);
        }
        for (MemberPresentation.Chip c : chips) {
            Label chip = new Label(c.text());
            chip.getStyleClass().addAll(Styles.CHIP, Styles.TAG_CHIP);
            Styles.setTone(chip, c.tone() == Tone.NEUTRAL ? null : c.tone());
            flow.getChildren().add(chip);
        }
        return new VBox(8, title, flow);
    }
}
