package io.pilothouse.app.fx;

import io.pilothouse.services.policy.JsonLinesAuditLog;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.audit.AuditView;
import io.pilothouse.views.audit.AuditViewModel;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/** Renders the audit window offscreen, the newest record selected so its evidence shows. */
public final class AuditScreenshot {

    private AuditScreenshot() {
    }

    /** Reads {@code log} on the calling thread, then renders on the FX thread (started headless if need be). */
    public static void render(JsonLinesAuditLog log, Theme theme, int width, int height, Path out) throws Exception {
        AuditWindow.Loaded loaded = AuditWindow.Loaded.from(log);
        OffscreenRenderer.render(() -> {
            AuditViewModel vm = new AuditViewModel(Clock.systemDefaultZone());
            AuditView built = new AuditView(vm);
            vm.setEntries(loaded.contents().entries(), loaded.verification());
            if (!built.table().getItems().isEmpty()) {
                built.table().getSelectionModel().select(0);
            }
            return built;
        }, AuditView::root, AuditView::dispose, width, height, theme::applyTo, out);
    }
}
