package io.pilothouse.services.policy;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A change someone wants to make to the estate, described for the gate and the audit log: what (action), to which
 * cluster, on which member or object (target), with which parameters. It is written to the audit log verbatim, so
 * it must never carry a secret; parameter names that look like one are rejected.
 *
 * @param action     verb, e.g. {@code switchover}, {@code restart}, {@code pause}
 * @param cluster    the cluster concerned ({@code source/scope}), or null when not cluster-specific
 * @param target     what is acted on, e.g. a member name; used in messages ("switchover on node2 refused")
 * @param parameters extra details (candidate, scheduled time…), sorted by name; no secrets
 */
public record MutationRequest(String action, String cluster, String target, Map<String, String> parameters) {

    public MutationRequest {
        if (action == null || action.isBlank()) {
            throw new IllegalArgumentException("a mutation needs an action name");
        }
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("mutation '" + action + "' needs a target");
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        if (parameters != null) {
            parameters.forEach((k, v) -> {
                Objects.requireNonNull(k, "parameter name");
                if (looksSecret(k)) {
                    throw new IllegalArgumentException("parameter '" + k + "' of '" + action + "' looks like a "
                            + "secret; mutation requests are written to the audit log and must not carry secrets");
                }
                sorted.put(k, Objects.requireNonNull(v, () -> "parameter '" + k + "' is null"));
            });
        }
        parameters = Collections.unmodifiableMap(sorted);
    }

    /** A request without parameters. */
    public static MutationRequest of(String action, String cluster, String target) {
        return new MutationRequest(action, cluster, target, Map.of());
    }

    private static boolean looksSecret(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("password") || n.contains("passwd") || n.contains("secret") || n.contains("token")
                || n.contains("credential");
    }
}
