package io.pilothouse.app.fx;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.indoubt.AdvisedTransaction;
import io.pilothouse.services.indoubt.InDoubtOperations;
import io.pilothouse.services.indoubt.InDoubtScan;
import io.pilothouse.services.model.PreparedBranch;
import io.pilothouse.views.indoubt.InDoubtActions;
import io.pilothouse.views.indoubt.InDoubtView;
import io.pilothouse.views.indoubt.InDoubtViewModel;
import io.pilothouse.views.tasks.Tasks;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The in-doubt console in its own window, beside the main one (estate-wide, so not a cluster tab). One window at a
 * time; opening it again brings it to the front and rescans. Scanning, analysing and resolving run on the session's
 * I/O executor, never on the FX thread; the view model applies the answers on the FX thread.
 */
public final class InDoubtWindow implements InDoubtActions {

    /** A scan and its analysis. */
    public record Read(InDoubtScan scan, List<AdvisedTransaction> advised) {

        /** Scans every primary and analyses (blocking; call off the FX thread). */
        public static Read from(LiveSession session) {
            InDoubtScan scan = session.inDoubt().scan();
            return new Read(scan, session.inDoubtAnalysis(scan));
        }
    }

    private final LiveSession session;
    private final InDoubtOperations operations;
    private final WindowFactory windows;
    private Stage stage;
    private InDoubtViewModel vm;
    private InDoubtView view;

    public InDoubtWindow(LiveSession session) {
        this(session, new WindowFactory());
    }

    public InDoubtWindow(LiveSession session, WindowFactory windows) {
        this.session = session;
        this.operations = session.inDoubtOperations();
        this.windows = windows;
    }

    /** Shows the window (creating it on first use) and rescans. FX thread. */
    public void show(Window owner) {
        if (stage == null) {
            vm = new InDoubtViewModel(ZoneId.systemDefault(), this, FxToolkit.fx());
            vm.readOnlyProperty().set(operations.isReadOnly());
            view = new InDoubtView(vm, windows);
            stage = windows.tool(owner, "Pilothouse — in-doubt transactions", view.root(), 1480, 800);
            // What any operation changed (a move's cutover, a resolution, a switchover) is read again at once.
            AutoCloseable refreshAfterOperations = session.operationsRunning().onFinished(
                    op -> FxToolkit.fx().execute(() -> {
                        if (vm != null) {
                            vm.refresh();
                        }
                    }));
            InDoubtView shown = view;
            InDoubtViewModel shownVm = vm;
            stage.setOnHidden(e -> {
                closeQuietly(refreshAfterOperations);
                shownVm.dispose();
                shown.dispose();
                stage = null;
                vm = null;
                view = null;
            });
        }
        stage.show();
        stage.toFront();
        vm.refresh();
    }

    /** The view, while the window is open (tests). */
    public InDoubtView view() {
        return view;
    }

    @Override
    public CompletableFuture<InDoubtActions.Read> scan() {
        return Tasks.supply(session.ioExecutor(), () -> {
            Read read = Read.from(session);
            return new InDoubtActions.Read(read.scan(), read.advised());
        });
    }

    @Override
    public CompletableFuture<java.util.Optional<String>> refusalForAll(List<PreparedBranch> branches) {
        return Tasks.supply(session.ioExecutor(), () -> operations.refusalForAll(branches));
    }

    @Override
    public CompletableFuture<String> resolve(PreparedBranch branch, boolean commit, String asUser) {
        return Tasks.supply(session.ioExecutor(), () -> operations.resolve(branch, commit, asUser));
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // Only removes a listener from a list.
        }
    }
}
