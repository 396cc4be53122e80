package io.pilothouse.services.etcd;

import io.pilothouse.services.platform.PemTls;
import io.pilothouse.services.workspace.EtcdConfig;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Tells why TLS with etcd fails, by a handshake of its own with the same CA, client certificate and host-name check
 * as the client: gRPC retries a failed handshake until its deadline and then says only that time ran out.
 */
final class EtcdTlsCheck {

    private EtcdTlsCheck() {
    }

    /** The certificate problem with the first failing https endpoint of {@code etcd}, in one line; empty when none. */
    static Optional<String> problem(EtcdConfig etcd, Duration timeout) {
        SSLContext context;
        try {
            context = PemTls.context(etcd.cacert() == null ? List.of() : List.of(Path.of(etcd.cacert())), false,
                    etcd.cert() == null || etcd.key() == null ? List.of()
                            : List.of(new PemTls.Identity(Path.of(etcd.cert()), Path.of(etcd.key()))));
        } catch (PemTls.PemException e) {
            return Optional.of("etcd TLS files cannot be used: " + e.getMessage());
        }
        for (String endpoint : etcd.endpoints()) {
            if (!endpoint.regionMatches(true, 0, "https://", 0, 8)) {
                continue;
            }
            URI uri = URI.create(endpoint);
            int port = uri.getPort() > 0 ? uri.getPort() : 2379;
            Optional<String> problem = handshake(context, uri.getHost(), port, timeout)
                    .flatMap(e -> EtcdClients.tlsProblem(uri.getHost() + ":" + port, e));
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /** The handshake's failure, or empty when it went through (or the server is simply not there). */
    private static Optional<IOException> handshake(SSLContext context, String host, int port, Duration timeout) {
        int millis = (int) Math.max(200, Math.min(timeout.toMillis(), 3000));
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            parameters.setApplicationProtocols(new String[] {"h2"});
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            // With TLS 1.3 a refused client certificate arrives as an alert after the handshake: read briefly.
            socket.setSoTimeout(300);
            try {
                socket.getInputStream().read();
            } catch (SocketTimeoutException quiet) {
                return Optional.empty();
            }
            return Optional.empty();
        } catch (javax.net.ssl.SSLException e) {
            return Optional.of(e);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
