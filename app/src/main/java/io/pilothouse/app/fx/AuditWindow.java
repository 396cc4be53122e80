package io.pilothouse.app.fx;

import io.pilothouse.services.policy.AuditLogContents;
import io.pilothouse.services.policy.AuditVerification;
import io.pilothouse.services.policy.JsonLinesAuditLog;
import io.pilothouse.views.audit.AuditActions;
import io.pilothouse.views.audit.AuditView;
import io.pilothouse.views.audit.AuditViewModel;
import io.pilothouse.views.tasks.Tasks;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The audit log in its own window, beside the main one: estate-wide, so not a cluster tab. One window at a time;
 * opening it again brings it to the front and reloads. The log is read and verified on {@code io}, never on the FX
 * thread; the view model applies the answer.
 */
public final class AuditWindow implements AuditActions {

    /** A read of the log: its records and the state of its chain. */
    public record Loaded(AuditLogContents contents, AuditVerification verification) {

        /** Reads and verifies {@code log} (blocking; call off the FX thread). */
        public static Loaded from(JsonLinesAuditLog log) {
            return new Loaded(log.read(), log.verify());
        }
    }

    private final Supplier<JsonLinesAuditLog> log;
    private final Executor io;
    private final WindowFactory windows;
    private Stage stage;
    private AuditViewModel vm;

    /**
     * @param log where to read from (asked on each load, so a changed PILOTHOUSE_AUDIT_LOG is not needed)
     * @param io  where the file is read
     */
    public AuditWindow(Supplier<JsonLinesAuditLog> log, Executor io) {
        this(log, io, new WindowFactory());
    }

    public AuditWindow(Supplier<JsonLinesAuditLog> log, Executor io, WindowFactory windows) {
        this.log = log;
        this.io = io;
        this.windows = windows;
    }

    /** Shows the window (creating it on first use) and reloads the log. FX thread. */
    public void show(Window owner) {
        if (stage == null) {
            vm = new AuditViewModel(Clock.systemDefaultZone(), this, FxToolkit.fx());
            AuditView view = new AuditView(vm);
            AuditViewModel shown = vm;
            stage = windows.tool(owner, "Pilothouse — audit log", view.root(), 1280, 760);
            stage.setOnHidden(e -> {
                shown.dispose();
                view.dispose();
                stage = null;
                vm = null;
            });
        }
        stage.show();
        stage.toFront();
        vm.refresh();
    }

    @Override
    public CompletableFuture<Read> read() {
        return Tasks.supply(io, () -> {
            Loaded loaded = Loaded.from(log.get());
            return new Read(loaded.contents().entries(), loaded.verification());
        });
    }
}
