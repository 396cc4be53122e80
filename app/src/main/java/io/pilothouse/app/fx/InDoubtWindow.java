package io.pilothouse.app.fx;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.indoubt.AdvisedTransaction;
import io.pilothouse.services.indoubt.InDoubtOperations;
import io.pilothouse.services.indoubt.InDoubtScan;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.indoubt.InDoubtView;
import io.pilothouse.views.indoubt.InDoubtViewModel;
import javafx.application.Platform;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The in-doubt console in its own window, beside the main one (estate-wide, so not a cluster tab). One window at a
 * time; opening it again brings it to the front and rescans. Scanning, analysing and resolving run on the session's
 * I/O executor, never on the FX thread; results are pushed into the view model on the FX thread.
 */
public final class InDoubtWindow {

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
    private Stage stage;
    private InDoubtViewModel vm;
    private InDoubtView view;

    public InDoubtWindow(LiveSession session) {
        this.session = session;
        this.operations = session.inDoubtOperations();
    }

    /** Shows the window (creating it on first use) and rescans. FX thread. */
    public void show(Window owner) {
        if (stage == null) {
            vm = new InDoubtViewModel(ZoneId.systemDefault());
            vm.readOnlyProperty().set(operations.isReadOnly());
            vm.setOnRefresh(this::reload);
            vm.setResolver((branch, commit, asUser) -> CompletableFuture.supplyAsync(() -> {
                try {
                    return operations.resolve(branch, commit, asUser);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }, session.ioExecutor()));
            view = new InDoubtView(vm);
            Scene scene = new Scene(new Group(), 1480, 800);
            Theme theme = owner == null || owner.getScene() == null ? null : Theme.of(owner.getScene());
            (theme == null ? Theme.LIGHT : theme).applyTo(scene);
            scene.setRoot(view.root());
            stage = new Stage();
            if (owner != null) {
                stage.initOwner(owner);
            }
            stage.setTitle("Pilothouse — in-doubt transactions");
            stage.setScene(scene);
            InDoubtView shown = view;
            stage.setOnHidden(e -> {
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

    private void reload() {
        InDoubtViewModel target = vm;
        CompletableFuture.supplyAsync(() -> Read.from(session), session.ioExecutor()).whenComplete((read, failure) ->
                Platform.runLater(() -> {
                    if (target != vm) {
                        return; // closed meanwhile
                    }
                    if (failure != null) {
                        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                        target.showError(cause.getMessage() == null ? cause.toString() : cause.getMessage());
                    } else {
                        target.setScan(read.scan(), read.advised());
                    }
                }));
    }
}
