package io.pilothouse.services.sandbox.estate;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The simulator as a process of its own, started detached by {@code sandbox estate} and stopped by
 * {@code sandbox down} (SIGTERM: the simulated keys are deleted on the way out). Its command line names the sandbox
 * directory ({@code --dir}), which is how {@code down} and {@code status} recognise it.
 */
public final class EstateSimulatorMain {

    private EstateSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        EstatePlan plan = new EstatePlan(options.get("--etcd"), options.getOrDefault("--namespace", "/service/"),
                Integer.parseInt(options.getOrDefault("--clusters", "50")),
                Integer.parseInt(options.getOrDefault("--members", "3")),
                Double.parseDouble(options.getOrDefault("--rate", "10")),
                Long.parseLong(options.getOrDefault("--seed", "1")));
        EstateSimulator simulator = new EstateSimulator(plan);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.stop(true);
            stopped.countDown();
        }, "estate-stop"));
        simulator.start();
        try {
            // Tells the launcher that waits for it that every cluster's keys are written.
            java.nio.file.Files.writeString(java.nio.file.Path.of(options.get("--dir"), "estate.ready"),
                    simulator.changes() + "\n");
        } catch (java.io.IOException e) {
            System.err.println("estate: cannot write the ready file: " + e.getMessage());
        }
        stopped.await();
    }
}
