package io.pilothouse.app.fx;

import javafx.scene.Scene;

/**
 * Runs work once a scene's first frame is laid out: what the start-up defers so that nothing before the first
 * frame waits on the network or competes with it for the CPU.
 */
final class FirstFrame {

    private FirstFrame() {
    }

    /**
     * Runs {@code work} on the FX thread right after the first pulse that lays out {@code scene} (its frame is then
     * handed to the renderer). Call on the FX thread before the scene is shown.
     */
    static void then(Scene scene, Runnable work) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            scene.removePostLayoutPulseListener(listener[0]);
            FxToolkit.fx().execute(work);
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }
}
