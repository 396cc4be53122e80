package io.pilothouse.views.replicas;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The small controls both replica wizards are made of. */
final class WizardParts {

    private WizardParts() {
    }

    /** A right-aligned row of buttons. */
    static HBox buttons(Node... right) {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox box = new HBox(10, spacer);
        box.getChildren().addAll(right);
        box.setAlignment(Pos.CENTER_RIGHT);
        return box;
    }

    /** A button with a mnemonic ({@code _}) in its text. */
    static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    static ProgressIndicator spinner() {
        ProgressIndicator s = new ProgressIndicator();
        s.setPrefSize(20, 20);
        return s;
    }

    /** A wrapped hint in the muted colour. */
    static Label muted(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.getStyleClass().add("ph-muted");
        return l;
    }

    /** An error line, shown only when it has text. */
    static Label error(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("ph-switchover-error");
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    /** A read-only monospaced text (command previews and reports). */
    static TextArea text(String id) {
        TextArea t = new TextArea();
        t.setId(id);
        t.setEditable(false);
        t.setWrapText(false);
        t.setStyle("-fx-font-family: monospace;");
        return t;
    }
}
