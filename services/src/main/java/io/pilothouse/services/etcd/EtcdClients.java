package io.pilothouse.services.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.pilothouse.services.platform.TlsFailures;
import io.pilothouse.services.workspace.EtcdConfig;

import javax.net.ssl.SSLException;
import java.io.File;
import java.net.URI;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Builds the jetcd clients of a workspace source, in one place: the endpoints, {@code https} with the source's CA
 * (else the JDK's trust store) and client certificate, and the etcd user with its password from the credential
 * chain. Never trust-all; host names are verified by gRPC.
 */
public final class EtcdClients {

    /** Finds the password of an etcd user (pgpass line {@code host:port:etcd:user:secret}, keyring, prompt). */
    @FunctionalInterface
    public interface EtcdPassword {
        /** No password known. */
        EtcdPassword NONE = (host, port, user) -> Optional.empty();

        Optional<char[]> find(String host, int port, String user);
    }

    private static final Duration TLS_CONNECT = Duration.ofSeconds(10);

    private EtcdClients() {
    }

    /**
     * A client builder for {@code etcd}, each call bounded by {@code timeout}.
     *
     * @throws IllegalStateException in words, when the TLS files cannot be used or a user has no password
     */
    public static ClientBuilder builder(EtcdConfig etcd, Duration timeout, EtcdPassword passwords) {
        // A TLS connection also shakes hands (and authenticates): give the channel longer than one call.
        Duration connect = etcd.usesTls() && timeout.compareTo(TLS_CONNECT) < 0 ? TLS_CONNECT : timeout;
        ClientBuilder builder = Client.builder().endpoints(etcd.endpoints().toArray(String[]::new))
                .connectTimeout(connect).retryMaxDuration(timeout);
        if (etcd.usesTls()) {
            try {
                builder.sslContext(ssl -> {
                    if (etcd.cacert() != null) {
                        ssl.trustManager(new File(etcd.cacert()));
                    }
                    if (etcd.cert() != null && etcd.key() != null) {
                        ssl.keyManager(new File(etcd.cert()), new File(etcd.key()));
                    }
                });
            } catch (SSLException | IllegalArgumentException e) {
                throw new IllegalStateException("cannot set up TLS for etcd at " + String.join(",", etcd.endpoints())
                        + ": " + e.getMessage() + "; check etcd.cacert, etcd.cert and etcd.key (PEM; the key "
                        + "unencrypted PKCS#8)", e);
            }
        }
        if (etcd.user() != null) {
            URI first = URI.create(etcd.endpoints().get(0));
            int port = first.getPort() > 0 ? first.getPort() : 2379;
            char[] password = passwords.find(first.getHost(), port, etcd.user()).orElseThrow(() ->
                    new IllegalStateException("no password for etcd user " + etcd.user() + " at " + first.getHost()
                            + ":" + port + "; add a pgpass line " + first.getHost() + ":" + port + ":"
                            + EtcdConfig.PASSWORD_DATABASE + ":" + etcd.user() + ":PASSWORD (file mode 0600) or a "
                            + "keyring entry"));
            java.nio.ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            Arrays.fill(password, (char) 0);
            builder.user(ByteSequence.from(etcd.user(), StandardCharsets.UTF_8)).password(ByteSequence.from(bytes));
            Arrays.fill(bytes, (byte) 0);
        }
        return builder;
    }

    /** A TLS failure talking to etcd in one line naming the endpoint and what to fix, or empty when not TLS. */
    public static Optional<String> tlsProblem(String endpoints, Throwable error) {
        return TlsFailures.kind(error).map(kind -> TlsFailures.sentence(kind, "etcd at " + endpoints, "etcd.cacert",
                "etcd.cert/key", "etcd's --cert-file"));
    }
}
