package io.pilothouse.app.e2e;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.workspace.Workspace;

import java.time.Duration;

/** The app's live session on a sandbox workspace, for end-to-end tests. */
final class SettledSession {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    private SettledSession() {}

    /**
     * A {@link LiveSession} on {@code workspace} with default settings, settled within 30 s.
     *
     * @throws IllegalStateException if it did not settle (the session is closed)
     */
    static LiveSession start(Workspace workspace) throws InterruptedException {
        LiveSession session = LiveSession.start(workspace, LiveSettings.DEFAULTS);
        try {
            if (!session.awaitSettled(SETTLE)) {
                throw new IllegalStateException("The live session of workspace '" + workspace.name()
                        + "' did not settle within " + SETTLE.toSeconds() + " s");
            }
            return session;
        } catch (RuntimeException | InterruptedException e) {
            session.close();
            throw e;
        }
    }
}
