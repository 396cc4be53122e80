package io.pilothouse.app.cli;

import io.pilothouse.app.fx.DesktopNotifier;
import io.pilothouse.app.fx.DesktopWindow;
import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.app.wiring.ShutdownHooks;
import io.pilothouse.services.live.LiveSettings;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SandboxLauncher;
import io.pilothouse.services.sandbox.SandboxSpec;
import io.pilothouse.services.sandbox.SandboxStatus;
import io.pilothouse.services.workspace.WorkspaceLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code pilothouse demo}: starts (or reuses) a sandbox cluster and opens the cockpit on it. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a sandbox cluster (or reuse a running one) and open Pilothouse on it.")
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    SandboxDirOption dir;

    @Option(names = "--members", defaultValue = "3", converter = NumericOptions.Positive.class, description = "Patroni members (default: ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--keep", description = "Leave the sandbox running when the window closes.")
    boolean keep;

    @Option(names = "--theme", defaultValue = "light", description = "light or dark (default: ${DEFAULT-VALUE}).")
    String theme;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Displays.requireDisplay("demo");
        PrintWriter err = spec.commandLine().getErr();
        Path d = dir.resolve();
        SandboxLauncher launcher = new SandboxLauncher();
        boolean startedHere = false;
        SandboxInfo info;
        if (launcher.status(d).state() == SandboxStatus.State.RUNNING) {
            err.println("reusing the sandbox running in " + d);
            info = launcher.info(d);
        } else {
            err.println("starting a sandbox cluster in " + d + " ...");
            info = launcher.up(SandboxSpec.defaults(d).withMembers(members).withHaproxy(true), line -> {
                err.println("  " + line);
                err.flush();
            });
            startedHere = true;
        }
        err.print(SandboxText.describe(info));
        err.flush();
        // Ctrl-C or a closed terminal ends the JVM through its shutdown hooks, not through finally blocks:
        // the sandbox this command started is stopped there too, exactly once.
        Runnable stop = once(() -> err.println(SandboxText.describe(launcher.down(d))));
        if (startedHere && !keep) {
            ShutdownHooks.add("demo-sandbox-stop", stop);
        }
        try (LiveSession session = LiveSession.start(new WorkspaceLoader().load(info.workspaceFile()),
                LiveSettings.DEFAULTS, new DesktopNotifier())) {
            DesktopWindow.showAndWait(session, Themes.parse(theme), "Pilothouse — sandbox " + info.scope());
        } finally {
            if (startedHere && !keep) {
                stop.run();
            } else {
                err.println("the sandbox keeps running; stop it with: ./pilothouse sandbox down --dir " + d);
            }
            err.flush();
        }
        return 0;
    }

    private static Runnable once(Runnable r) {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                r.run();
            }
        };
    }
}
