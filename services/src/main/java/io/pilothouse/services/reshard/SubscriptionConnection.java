package io.pilothouse.services.reshard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a move's subscription on the target reaches the source: its connection string (the move's own role, the
 * coordinator's TLS options) and, when that connection fails on TLS, what it used and how to fix it.
 */
final class SubscriptionConnection {

    private SubscriptionConnection() {
    }

    /** The subscription statement as previews and the audit show it: the password replaced. */
    static String subscriptionPreview(MovePlan p) {
        return MoveStatements.createSubscription(p.replicationName(),
                conninfo(p, ReplicationRole.MASK.toCharArray()));
    }

    /** The source as the subscription reaches it: as the move's own role; no password key when null. */
    static String conninfo(MovePlan p, char[] password) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("host", p.source().host());
        parameters.put("port", Integer.toString(p.source().port()));
        parameters.put("dbname", p.source().database());
        parameters.put("user", p.replicationRole());
        if (password != null) {
            parameters.put("password", new String(password));
        }
        parameters.put("application_name", p.replicationName());
        subscriptionTls(p.source(), p.target()).ifPresent(parameters::putAll);
        return MoveStatements.conninfo(parameters);
    }

    /**
     * When the subscription's TLS failed ({@code SSL error: …}, a certificate): what it used and how to change it.
     * The options are the plan's (journaled when it was made), so a resume keeps them; fixing them means a new plan.
     */
    static Optional<String> tlsHint(MovePlan p, String error) {
        if (error == null || !(error.contains("SSL") || error.contains("certificate"))) {
            return Optional.empty();
        }
        String used = subscriptionTls(p.source(), p.target()).map(Map::toString).orElse("none (libpq's defaults)");
        return Optional.of(". The subscription used the TLS options of the coordinator's foreign server "
                + "as planned: " + used + "; fix them on the foreign server (ALTER SERVER … OPTIONS (SET sslrootcert "
                + "…)), with files the target's server user can read, then roll this move back (pilothouse reshard "
                + "rollback --move " + p.id() + ") and move again: a resume keeps the planned options");
    }

    /**
     * The TLS options the subscription on {@code target} reaches {@code source} with: those of the coordinator's
     * foreign server for the source, or, when the source is the coordinator itself (which has no foreign server),
     * those of the foreign server for the target (the same estate's CA). File paths are as the servers see them.
     * Empty when neither sets an sslmode: libpq's default then applies.
     */
    static Optional<Map<String, String>> subscriptionTls(ReshardNode source, ReshardNode target) {
        Map<String, String> tls = source.tls().containsKey("sslmode") ? source.tls() : target.tls();
        return tls.containsKey("sslmode") ? Optional.of(tls) : Optional.empty();
    }
}
