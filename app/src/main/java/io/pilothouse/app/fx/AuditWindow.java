package io.pilothouse.app.fx;

import io.pilothouse.services.policy.AuditException;
import io.pilothouse.services.policy.AuditLogContents;
import io.pilothouse.services.policy.AuditVerification;
import io.pilothouse.services.policy.JsonLinesAuditLog;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.audit.AuditView;
import io.pilothouse.views.audit.AuditViewModel;
import javafx.application.Platform;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The audit log in its own window, beside the main one: estate-wide, so not a cluster tab. One window at a time;
 * opening it again brings it to the front and reloads. The log is read and verified on {@code io}, never on the FX
 * thread, and the result pushed into the view model.
 */
public final class AuditWindow {

    /** A read of the log: its records and the state of its chain. */
    public record Loaded(AuditLogContents contents, AuditVerification verification) {

        /** Reads and verifies {@code log} (blocking; call off the FX thread). */
        public static Loaded from(JsonLinesAuditLog log) {
            return new Loaded(log.read(), log.verify());
        }
    }

    private final Supplier<JsonLinesAuditLog> log;
    private final Executor io;
    private Stage stage;
    private AuditViewModel vm;

    /**
     * @param log where to read from (asked on each load, so a changed PILOTHOUSE_AUDIT_LOG is not needed)
     * @param io  where the file is read
     */
    public AuditWindow(Supplier<JsonLinesAuditLog> log, Executor io) {
        this.log = log;
        this.io = io;
    }

    /** Shows the window (creating it on first use) and reloads the log. FX thread. */
    public void show(Window owner) {
        if (stage == null) {
            vm = new AuditViewModel(Clock.systemDefaultZone());
            AuditView view = new AuditView(vm);
            vm.setOnRefresh(this::reload);
            Scene scene = new Scene(new Group(), 1280, 760);
            Theme theme = owner == null || owner.getScene() == null ? null : Theme.of(owner.getScene());
            (theme == null ? Theme.LIGHT : theme).applyTo(scene);
            scene.setRoot(view.root());
            stage = new Stage();
            stage.initOwner(owner);
            stage.setTitle("Pilothouse — audit log");
            stage.setScene(scene);
            stage.setOnHidden(e -> {
                view.dispose();
                stage = null;
                vm = null;
            });
        }
        stage.show();
        stage.toFront();
        reload();
    }

    private void reload() {
        AuditViewModel target = vm;
        CompletableFuture.supplyAsync(() -> Loaded.from(log.get()), io).whenComplete((loaded, failure) ->
                Platform.runLater(() -> {
                    if (target != vm) {
                        return; // closed meanwhile
                    }
                    if (failure != null) {
                        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                        target.showError(cause instanceof AuditException ? cause.getMessage() : cause.toString());
                    } else {
                        target.setEntries(loaded.contents().entries(), loaded.verification());
                    }
                }));
    }
}
