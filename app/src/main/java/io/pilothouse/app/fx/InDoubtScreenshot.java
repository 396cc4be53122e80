package io.pilothouse.app.fx;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.indoubt.InDoubtView;
import io.pilothouse.views.indoubt.InDoubtViewModel;

import java.io.IOException;
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
        OffscreenRenderer.render(() -> {
            InDoubtViewModel vm = new InDoubtViewModel(ZoneId.systemDefault());
            vm.readOnlyProperty().set(readOnly);
            InDoubtView built = new InDoubtView(vm);
            vm.setScan(read.scan(), read.advised());
            return built;
        }, InDoubtView::root, InDoubtView::dispose, width, height, theme::applyTo, out);
    }
}
