package io.pilothouse.app.fx;

import io.pilothouse.services.policy.JsonLinesAuditLog;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.audit.AuditView;
import io.pilothouse.views.audit.AuditViewModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;

/** Renders the audit window offscreen, the newest record selected so its evidence shows. */
public final class AuditScreenshot {

    private AuditScreenshot() {
    }

    /** Reads {@code log} on the calling thread, then renders on the FX thread (started headless if need be). */
    public static void render(JsonLinesAuditLog log, Theme theme, int width, int height, Path out) throws Exception {
        AuditWindow.Loaded loaded = AuditWindow.Loaded.from(log);
        FxToolkit.startHeadless();
        AuditView[] view = new AuditView[1];
        OffscreenRenderer renderer = FxToolkit.call(() -> {
            AuditViewModel vm = new AuditViewModel(Clock.systemDefaultZone());
            view[0] = new AuditView(vm);
            vm.setEntries(loaded.contents().entries(), loaded.verification());
            if (!view[0].table().getItems().isEmpty()) {
                view[0].table().getSelectionModel().select(0);
            }
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
