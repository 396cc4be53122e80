package io.pilothouse.app.fx;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.indoubt.InDoubtView;
import io.pilothouse.views.indoubt.InDoubtViewModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneId;

/** Renders the in-doubt console offscreen, the oldest global transaction selected so its advice shows. */
public final class InDoubtScreenshot {

    private InDoubtScreenshot() {
    }

    /** Scans on the calling thread, then renders on the FX thread (started headless if need be). */
    public static void render(LiveSession session, Theme theme, int width, int height, Path out) throws Exception {
        InDoubtWindow.Read read = InDoubtWindow.Read.from(session);
        boolean readOnly = session.inDoubtOperations().isReadOnly();
        FxToolkit.startHeadless();
        InDoubtView[] view = new InDoubtView[1];
        OffscreenRenderer renderer = FxToolkit.call(() -> {
            InDoubtViewModel vm = new InDoubtViewModel(ZoneId.systemDefault());
            vm.readOnlyProperty().set(readOnly);
            view[0] = new InDoubtView(vm);
            vm.setScan(read.scan(), read.advised());
            return OffscreenRenderer.show(view[0].root(), width, height, theme::applyTo);
        }, 60);
        OffscreenRenderer.awaitPulses(3);
        FxToolkit.call(() -> {
            try {
                renderer.capture(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                view[0].dispose();
            }
            return null;
        }, 60);
    }
}
