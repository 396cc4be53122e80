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
