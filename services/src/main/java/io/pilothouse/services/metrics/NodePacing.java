package io.pilothouse.services.metrics;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which nodes the lag sampler asks this round. The live model's rule (its {@code PollBackoff}): a node that has
 * answered once is asked every round, so a fault is watched closely; one that has <em>never</em> answered is asked
 * after the first three failures less and less often — 2, 4, 8 ... up to 60 s. At 500 clusters whose members never
 * answer, the sampler otherwise tried 500 connections a second, every second.
 */
final class NodePacing {

    static final int PATIENT = 3;
    static final long MAX_WAIT_MILLIS = 60_000;

    private record State(int failures, long notBefore) {
    }

    private final Map<String, State> waiting = new ConcurrentHashMap<>();
    private final Set<String> answered = ConcurrentHashMap.newKeySet();

    boolean due(String node, long nowMillis) {
        State s = waiting.get(node);
        return s == null || nowMillis >= s.notBefore();
    }

    void failed(String node, long nowMillis) {
        waiting.compute(node, (k, s) -> {
            int failures = s == null ? 1 : s.failures() + 1;
            long wait = failures <= PATIENT || answered.contains(node) ? 0
                    : Math.min(MAX_WAIT_MILLIS, 1000L << Math.min(20, failures - PATIENT));
            return new State(failures, nowMillis + wait);
        });
    }

    void succeeded(String node) {
        answered.add(node);
        waiting.remove(node);
    }
}
