package io.pilothouse.app.fx;

import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Escape and Ctrl+W close a tool window whatever control has the focus; Escape closes an open popup first. */
class ToolWindowKeysTest {

    private TableView<String> table;
    private TextField field;
    private ComboBox<String> combo;
    private Stage stage;

    @BeforeEach
    void open() throws Exception {
        FxToolkit.startHeadless();
        stage = FxToolkit.call(() -> {
            table = new TableView<>();
            field = new TextField("gid");
            combo = new ComboBox<>();
            table.getColumns().add(new TableColumn<>("name"));
            table.getItems().addAll("a", "b");
            combo.getItems().addAll("commit", "rollback");
            Stage s = new WindowFactory().tool(null, "tool", new VBox(table, field, combo), 400, 300);
            s.show();
            return s;
        }, 10);
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.call(() -> {
            new ArrayList<>(Window.getWindows()).forEach(w -> ((Stage) w).close());
            return null;
        }, 10);
    }

    private boolean press(Node target, KeyCode code, boolean control) throws Exception {
        return FxToolkit.call(() -> {
            target.requestFocus();
            Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, false, control, false, false));
            return stage.isShowing();
        }, 10);
    }

    @Test
    void escapeClosesTheWindowWhileATableHasTheFocus() throws Exception {
        FxToolkit.call(() -> {
            table.getSelectionModel().select(0);
            return null;
        }, 10);
        assertThat(press(table, KeyCode.ESCAPE, false)).as("still showing after Escape on a table").isFalse();
    }

    @Test
    void controlWClosesTheWindowWhileATextFieldHasTheFocus() throws Exception {
        assertThat(press(field, KeyCode.W, true)).as("still showing after Ctrl+W in a text field").isFalse();
    }

    @Test
    void escapeClosesAnOpenComboListFirst() throws Exception {
        FxToolkit.call(() -> {
            combo.requestFocus();
            combo.show();
            return null;
        }, 10);
        assertThat(press(combo, KeyCode.ESCAPE, false)).as("the window stays while the list was open").isTrue();
        assertThat(FxToolkit.call(combo::isShowing, 5)).isFalse();
        assertThat(press(combo, KeyCode.ESCAPE, false)).as("the second Escape closes the window").isFalse();
    }

    @Test
    void controlWClosesADialogUnlessItsCloseRequestIsRefused() throws Exception {
        Stage[] dialogs = FxToolkit.call(() -> {
            Stage free = new WindowFactory().modal(stage, "resolve", new VBox(new TextField()), 300, 200);
            Stage busy = new WindowFactory().dialog(stage, "switchover", new VBox(new TextField()), 300, 200);
            busy.setOnCloseRequest(javafx.event.Event::consume);
            free.show();
            busy.show();
            return new Stage[] {free, busy};
        }, 10);
        for (Stage d : dialogs) {
            FxToolkit.call(() -> {
                Event.fireEvent(d.getScene().getRoot().getChildrenUnmodifiable().get(0),
                        new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.W, false, true, false, false));
                return null;
            }, 10);
        }
        assertThat(FxToolkit.call(() -> dialogs[0].isShowing(), 5)).as("Ctrl+W left the dialog open").isFalse();
        assertThat(FxToolkit.call(() -> dialogs[1].isShowing(), 5)).as("a refused close request").isTrue();
    }
}
