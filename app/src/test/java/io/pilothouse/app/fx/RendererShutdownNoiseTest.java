package io.pilothouse.app.fx;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RendererShutdownNoiseTest {

    @Test
    void onlyTheRenderersRejectedPaintTraceIsDropped() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new RendererShutdownNoise(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        new RejectedExecutionException("Task com.sun.javafx.tk.quantum.PaintRenderJob@51ff5a2a rejected from "
                + "com.sun.javafx.tk.quantum.QuantumRenderer@23638ff1[Terminated, pool size = 0]").printStackTrace(err);
        err.println("sandbox in /tmp/x stopped: 8 process(es) ended");
        new RejectedExecutionException("rejected from java.util.concurrent.ThreadPoolExecutor@1").printStackTrace(err);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("QuantumRenderer").startsWith("sandbox in /tmp/x stopped")
                .contains("ThreadPoolExecutor@1").contains("\tat io.pilothouse.app.fx.RendererShutdownNoiseTest");
    }
}
