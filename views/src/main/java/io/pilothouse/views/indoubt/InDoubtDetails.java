package io.pilothouse.views.indoubt;

import io.pilothouse.services.indoubt.Advice;
import io.pilothouse.services.indoubt.GidText;
import io.pilothouse.services.indoubt.GlobalTransaction;
import io.pilothouse.services.model.PreparedBranch;
import io.pilothouse.views.indoubt.InDoubtView.Row;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The in-doubt console's details pane: the selected global transaction (advice, evidence, branches) or branch. */
final class InDoubtDetails {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ZoneId zone;
    private final VBox details = new VBox(6);
    private final ScrollPane scroll = new ScrollPane(details);

    /** @param zone the zone of the times shown */
    InDoubtDetails(ZoneId zone) {
        this.zone = zone;
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(InDoubtStyles.DETAILS);
        details.getStyleClass().add(InDoubtStyles.DETAILS);
        details.setId("indoubt-details");
    }

    /** The scrolling pane to place. */
    Node root() {
        return scroll;
    }

    /** Shows row {@code r} (none selected when null); ages are counted to {@code now}. */
    void show(Row r, Instant now) {
        details.getChildren().clear();
        if (r == null) {
            details.getChildren().add(muted("Select a global transaction or one of its branches."));
            return;
        }
        GlobalTransaction t = r.transaction().transaction();
        Advice advice = r.transaction().advice();
        if (!r.isBranch()) {
            details.getChildren().add(title(t.globalId()));
            Label a = new Label(advice.summary());
            a.setId("details-advice");
            a.setWrapText(true);
            a.getStyleClass().add(InDoubtStyles.ADVICE);
            a.pseudoClassStateChanged(InDoubtStyles.tone(advice.action()), true);
            details.getChildren().add(a);
            section("EVIDENCE");
            advice.evidence().forEach(ev -> details.getChildren().add(line("• " + ev, "details-evidence")));
            section("BRANCHES");
            t.branches().forEach((p, b) -> details.getChildren().add(line(p + ": " + GidText.quoted(b.gid()) + " on "
                    + b.node().label() + ", database " + b.database(), null)));
            if (!t.missing().isEmpty()) {
                details.getChildren().add(line("No branch on: " + String.join(", ", t.missing()), null));
            }
            details.getChildren().add(line("Pattern: " + t.pattern() + " (" + t.family() + ")", null));
            if (!t.notes().isEmpty()) {
                section("NOTES");
                t.notes().forEach(n -> details.getChildren().add(line(n, null)));
            }
            return;
        }
        PreparedBranch b = r.branch();
        details.getChildren().add(title(GidText.quoted(b.gid())));
        details.getChildren().add(line("Branch of " + t.globalId() + " (" + r.participant() + "), advice: "
                + InDoubtText.advice(advice.action()), null));
        details.getChildren().add(line("Node " + b.node().label() + " (" + b.node().host() + ":" + b.node().port()
                + "), database " + b.database() + ", owner " + b.owner(), null));
        details.getChildren().add(line("Prepared " + TIME.format(b.prepared().atZone(zone)) + " ("
                + InDoubtText.age(b.ageSeconds(now)) + " ago), xid " + b.xid(), null));
        details.getChildren().add(line("Xid age " + InDoubtText.xidAge(b)
                + (b.oldestXmin() ? "; the oldest xmin on the node: it holds VACUUM back" : ""), null));
        section("LOCKS HELD (" + b.locks().size() + ")");
        if (b.locks().isEmpty()) {
            details.getChildren().add(muted("none"));
        }
        b.locks().forEach(l -> details.getChildren().add(line(l.lockType() + " " + l.mode()
                + (l.relation() == null ? "" : " on " + l.relation()), "details-lock")));
        section("SESSIONS IT BLOCKS (" + b.blocked().size() + ")");
        if (b.blocked().isEmpty()) {
            details.getChildren().add(muted("none"));
        }
        b.blocked().forEach(s -> details.getChildren().add(line("pid " + s.pid() + ", " + s.user() + "@"
                + s.database() + ", waiting " + InDoubtText.age(Math.round(s.waitingSeconds())) + ": "
                + (s.query() == null ? "" : s.query()), "details-blocked")));
    }

    private Label title(String text) {
        Label l = new Label(text);
        l.setId("details-title");
        l.setMnemonicParsing(false);
        l.getStyleClass().add(InDoubtStyles.DETAILS_TITLE);
        return l;
    }

    private void section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(InDoubtStyles.SECTION_TITLE);
        details.getChildren().add(l);
    }

    private static Label line(String text, String styleClass) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMnemonicParsing(false);
        if (styleClass != null) {
            l.getStyleClass().add(styleClass);
        }
        return l;
    }

    private static Label muted(String text) {
        Label l = line(text, "ph-muted");
        return l;
    }
}
