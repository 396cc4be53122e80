package io.pilothouse.services.alerts.outbound;

import io.pilothouse.services.workspace.OutboundConfig;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A target's {@code Authorization} header: none without a user; else {@code Basic user:secret} or
 * {@code Bearer secret}, the secret from pgpass ({@code host:port:alertmanager:user:secret}, or database
 * {@code webhook}) or the keyring, looked up on the delivery thread at the first send and kept for the session.
 */
final class TargetAuthorization implements Supplier<Optional<String>> {

    private final String database;
    private final OutboundConfig.Target target;
    private final URI uri;
    private final OutboundAlerts.Secrets secrets;
    private String header;

    TargetAuthorization(String database, OutboundConfig.Target target, URI uri, OutboundAlerts.Secrets secrets) {
        this.database = database;
        this.target = target;
        this.uri = uri;
        this.secrets = secrets;
    }

    @Override
    public synchronized Optional<String> get() {
        if (target.user() == null || target.user().isBlank()) {
            return Optional.empty();
        }
        if (header == null) {
            String user = target.user().trim();
            int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            char[] secret = secrets.find(uri.getHost(), port, database, user).orElseThrow(() ->
                    new IllegalStateException("no secret for " + user + "@" + uri.getHost() + ":" + port + " ("
                            + database + "): add the line " + uri.getHost() + ":" + port + ":" + database + ":"
                            + user + ":<secret> to your pgpass file (chmod 600), or run: pilothouse credentials "
                            + "set --host " + uri.getHost() + " --port " + port + " --user " + user));
            try {
                header = target.bearer() ? "Bearer " + new String(secret)
                        : "Basic " + Base64.getEncoder().encodeToString((user + ":" + new String(secret))
                                .getBytes(StandardCharsets.UTF_8));
            } finally {
                Arrays.fill(secret, '\0');
            }
        }
        return Optional.of(header);
    }
}
