package io.pilothouse.services.replicas;

import io.pilothouse.services.hosts.CommandResult;
import io.pilothouse.services.hosts.ShellQuoting;

import java.time.Duration;
import java.util.List;

/**
 * Asks the target, every {@code every}, whether a server the run started still runs; two misses in a row (right after
 * a start its pid file may not be written yet) fail the step with the end of its log, so a server that stopped is
 * reported within seconds rather than after the whole wait for it.
 */
final class TargetLiveness {

    private final TargetHost host;
    private final List<String> alive;
    private final List<String> logTail;
    private final Duration every;
    private long nextAsk;
    private int misses;

    /**
     * @param alive   a command that exits 0 while the server runs
     * @param logTail a command that prints the end of its log
     */
    TargetLiveness(TargetHost host, List<String> alive, List<String> logTail, Duration every) {
        this.host = host;
        this.alive = List.copyOf(alive);
        this.logTail = List.copyOf(logTail);
        this.every = every;
        this.nextAsk = System.nanoTime() + every.toNanos();
    }

    /** The preview's words: what is asked, and what is shown if the server stopped. */
    String describe() {
        return ShellQuoting.render(alive) + " (if it has stopped: " + ShellQuoting.render(logTail) + ")";
    }

    String aliveCommand() {
        return ShellQuoting.render(alive);
    }

    /**
     * Asks when due; after the second miss in a row throws {@code stopped} followed by the end of the log.
     */
    void check(String stopped) throws Exception {
        if (System.nanoTime() < nextAsk) {
            return;
        }
        misses = host.run(alive, TargetHost.QUICK).ok() ? 0 : misses + 1;
        if (misses >= 2) {
            throw new PlanRunner.StepFailedException(stopped + logTail());
        }
        nextAsk = System.nanoTime() + every.toNanos();
    }

    /** The end of the log, its lines joined with " | ". */
    String logTail() throws Exception {
        CommandResult tail = host.run(logTail, TargetHost.QUICK);
        return String.join(" | ", tail.stdout().strip().lines().toList());
    }
}
