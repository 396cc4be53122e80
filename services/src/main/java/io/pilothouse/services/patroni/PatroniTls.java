package io.pilothouse.services.patroni;

import io.pilothouse.services.platform.PemTls;
import io.pilothouse.services.workspace.SourceConfig;
import io.pilothouse.services.workspace.TlsFiles;
import io.pilothouse.services.workspace.Workspace;

import javax.net.ssl.SSLContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The TLS context of a workspace's Patroni REST calls: every source's {@code patroniTls} CA and client certificate
 * together, since one REST client serves the whole estate and member URLs come from etcd. The JDK's trust store is
 * kept as well when some source has none of its own. Host names are always verified by the JDK's HTTP client.
 */
public final class PatroniTls {

    private PatroniTls() {
    }

    /**
     * TLS 1.2, fully verified. The JDK's HTTP client hangs after a TLS 1.3 handshake with Patroni's REST server when
     * that server asks for a client certificate (Python's ssl, seen with Patroni 3.0.2 and OpenJDK 17: the request
     * never gets an answer, while curl gets one at once); TLS 1.2 answers at once. Certificates, host names and
     * client certificates are checked exactly the same way.
     */
    public static javax.net.ssl.SSLParameters parameters() {
        javax.net.ssl.SSLParameters p = new javax.net.ssl.SSLParameters();
        p.setProtocols(new String[] {"TLSv1.2"});
        return p;
    }

    /**
     * The context for {@code workspace}, or null when no source configures Patroni TLS (the JDK's defaults then).
     *
     * @throws IllegalArgumentException naming the file, when a configured file cannot be used
     */
    public static SSLContext of(Workspace workspace) {
        List<Path> cas = new ArrayList<>();
        List<PemTls.Identity> identities = new ArrayList<>();
        boolean someWithout = false;
        for (SourceConfig s : workspace.sources()) {
            TlsFiles tls = s.patroniTls();
            if (!s.isPlain() && (tls == null || tls.cacert() == null)) {
                someWithout = true;
            }
            if (tls == null) {
                continue;
            }
            if (tls.cacert() != null) {
                cas.add(Path.of(tls.cacert()));
            }
            if (tls.cert() != null && tls.key() != null) {
                identities.add(new PemTls.Identity(Path.of(tls.cert()), Path.of(tls.key())));
            }
        }
        if (cas.isEmpty() && identities.isEmpty()) {
            return null;
        }
        try {
            return PemTls.context(cas, someWithout && !cas.isEmpty(), identities);
        } catch (PemTls.PemException e) {
            throw new IllegalArgumentException("patroniTls: " + e.getMessage(), e);
        }
    }
}
