package io.pilothouse.views.credentials;

import javafx.beans.binding.BooleanBinding;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.List;
import java.util.Objects;

/**
 * Asks for one login's password: names the host, port and user, says why it is needed and why no stored password
 * was found, reads the password without echo (a {@link PasswordField}) and offers to remember it in the system
 * keyring (off by default; disabled, with the reason, when there is no keyring). The confirm button names the
 * login ("Connect as monitor"); "Skip this server" leaves the server without a password for this session.
 */
public final class PasswordDialogPane extends DialogPane {

    private final PasswordField password = new PasswordField();
    private final CheckBox remember = new CheckBox("Remember in the system keyring");
    private final ButtonType connectType;

    /**
     * @param host             where the login goes
     * @param port             its port
     * @param user             the role or REST user
     * @param purpose          why the password is needed, in words ("to read this PostgreSQL server's state")
     * @param reasons          why no stored password was found (pgpass, keyring), one line each
     * @param keyringAvailable whether "remember" can work
     * @param keyringProblem   why not, when it cannot (shown as the check box's tooltip and below it)
     */
    public PasswordDialogPane(String host, int port, String user, String purpose, List<String> reasons,
                              boolean keyringAvailable, String keyringProblem) {
        Objects.requireNonNull(user, "user");
        setHeaderText(null);
        Label who = new Label("Password for " + user + " on " + host + ":" + port);
        who.setId("password-who");
        who.setMnemonicParsing(false);
        who.setStyle("-fx-font-weight: bold; -fx-font-size: 1.15em;");
        Label why = new Label("Needed " + purpose + ".");
        why.setId("password-why");
        why.setWrapText(true);
        why.setMinHeight(Region.USE_PREF_SIZE);
        Label notFound = new Label(reasons.isEmpty() ? "" : "Not found: " + String.join("; ", reasons));
        notFound.setId("password-reasons");
        notFound.setWrapText(true);
        notFound.setMinHeight(Region.USE_PREF_SIZE);
        notFound.setMnemonicParsing(false);
        notFound.setManaged(!reasons.isEmpty());
        notFound.setVisible(!reasons.isEmpty());
        password.setId("password-field");
        password.setPromptText("password");
        remember.setId("password-remember");
        remember.setSelected(false);
        VBox content = new VBox(10, who, why, notFound, password, remember);
        if (!keyringAvailable) {
            remember.setDisable(true);
            String problem = keyringProblem == null ? "no system keyring" : keyringProblem;
            remember.setTooltip(new Tooltip(problem));
            Label noKeyring = new Label("The system keyring is not available (" + problem + "); the password is "
                    + "kept in memory for this session only.");
            noKeyring.setId("password-no-keyring");
            noKeyring.setWrapText(true);
            noKeyring.setMinHeight(Region.USE_PREF_SIZE);
            content.getChildren().add(noKeyring);
        }
        content.setPrefWidth(500);
        setContent(content);

        connectType = new ButtonType("Connect as " + user, ButtonBar.ButtonData.OK_DONE);
        getButtonTypes().setAll(connectType, new ButtonType("Skip this server", ButtonBar.ButtonData.CANCEL_CLOSE));
        Button connect = connectButton();
        connect.setId("password-connect");
        connect.setMnemonicParsing(false);
        BooleanBinding empty = password.textProperty().isEmpty();
        connect.disableProperty().bind(empty);
        connect.addEventFilter(ActionEvent.ACTION, e -> {
            if (empty.get()) {
                e.consume();
            }
        });
        sceneProperty().subscribe(s -> {
            if (s != null) {
                password.requestFocus();
            }
        });
    }

    /** The confirm button. */
    public Button connectButton() {
        return (Button) lookupButton(connectType);
    }

    /** The field the password is typed into (no echo). */
    public PasswordField passwordField() {
        return password;
    }

    /** The "remember in the system keyring" check box. */
    public CheckBox rememberBox() {
        return remember;
    }

    /**
     * A modal dialog around this pane: its result is the answer, or null when skipped or closed. The field is
     * cleared once the answer is taken, so the text does not stay in the control.
     */
    public Dialog<PasswordAnswer> dialog(Window owner, String title) {
        Dialog<PasswordAnswer> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle(title);
        dialog.setDialogPane(this);
        dialog.setResultConverter(this::take);
        return dialog;
    }

    /** The answer for the button pressed (null unless it was the confirm one) and clears the field. FX thread. */
    PasswordAnswer take(ButtonType pressed) {
        PasswordAnswer answer = pressed == connectType && !password.getText().isEmpty()
                ? new PasswordAnswer(password.getText().toCharArray(), remember.isSelected()) : null;
        password.clear();
        return answer;
    }
}
