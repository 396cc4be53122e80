package io.pilothouse.views.audit;

import io.pilothouse.services.policy.AuditEntry;
import io.pilothouse.services.policy.AuditRecord;
import io.pilothouse.views.Styles;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The evidence of one audit record: what was asked (parameters), what was checked, what servers answered and what
 * was measured, then the record's place in the chain. Rebuilt on each selection; records are small.
 */
final class AuditDetails {

    private final VBox content = new VBox(6);
    private final ScrollPane root = new ScrollPane(content);
    private final ZoneId zone;

    AuditDetails(ZoneId zone) {
        this.zone = zone;
        content.getStyleClass().add(AuditStyles.DETAILS);
        content.setId("audit-details");
        root.setFitToWidth(true);
        root.getStyleClass().add(AuditStyles.DETAILS);
        show(null);
    }

    Node root() {
        return root;
    }

    void show(AuditEntry entry) {
        content.getChildren().clear();
        if (entry == null) {
            Label hint = new Label("Select a record to see its parameters, checks, server answers and results.");
            hint.setWrapText(true);
            hint.getStyleClass().add(Styles.PLACEHOLDER);
            content.getChildren().add(hint);
            return;
        }
        AuditRecord r = entry.record();
        Label title = new Label(nz(r.action()) + " on " + nz(r.target()));
        title.getStyleClass().add(AuditStyles.DETAILS_TITLE);
        title.setWrapText(true);
        Label who = wrapped(AuditPresentation.time(r.time(), zone) + " · " + nz(r.user()) + " · "
                + (r.cluster() == null ? "no cluster" : r.cluster()) + " · "
                + AuditPresentation.outcome(r.outcome()) + " in " + AuditPresentation.duration(r.durationMs()));
        who.getStyleClass().add(Styles.MUTED);
        content.getChildren().addAll(title, who);
        if (r.message() != null && !r.message().isBlank()) {
            content.getChildren().add(wrapped(r.message()));
        }
        section("Parameters", "audit-parameters", lines(r.parameters()));
        section("Checks", "audit-checks", r.checks());
        section("Server answers", "audit-responses", r.responses());
        section("Results", "audit-results", lines(r.results()));
        Label chain = wrapped("record " + entry.seq() + " · line " + entry.line() + "\nhash " + entry.hash());
        chain.getStyleClass().addAll(AuditStyles.HASH, Styles.MONO, Styles.SUBTLE);
        section("Chain", null, List.of());
        content.getChildren().set(content.getChildren().size() - 1, chain);
    }

    private void section(String name, String id, List<String> items) {
        Label heading = new Label(name.toUpperCase());
        heading.getStyleClass().add(AuditStyles.SECTION_TITLE);
        VBox box = new VBox(2);
        if (id != null) {
            box.setId(id);
        }
        if (items.isEmpty()) {
            Label none = new Label("none recorded");
            none.getStyleClass().add(Styles.SUBTLE);
            box.getChildren().add(none);
        }
        for (String item : items) {
            Label l = wrapped(item);
            l.getStyleClass().addAll(AuditStyles.EVIDENCE, Styles.MONO);
            box.getChildren().add(l);
        }
        content.getChildren().addAll(heading, box);
    }

    /** Sorted by name: records written by other code may hold maps in any order, and readers compare records. */
    private static List<String> lines(Map<String, String> map) {
        return map.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " = " + e.getValue()).toList();
    }

    private static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Label.USE_PREF_SIZE);
        return l;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
