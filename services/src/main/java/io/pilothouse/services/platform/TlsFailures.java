package io.pilothouse.services.platform;

import java.util.Locale;
import java.util.Optional;

/**
 * Turns a TLS failure (JDK, Netty or pgjdbc, however deeply wrapped) into words: what is wrong with the certificate.
 * The caller adds which endpoint and which workspace key to fix.
 */
public final class TlsFailures {

    /** What went wrong. */
    public enum Kind {
        /** The server's certificate does not chain to a trusted CA. */
        UNTRUSTED("its certificate is not signed by the CA you trust"),
        /** The server's certificate (or one in its chain) is past its end date or not yet valid. */
        EXPIRED("its certificate has expired or is not yet valid"),
        /** The certificate names other hosts than the one connected to. */
        WRONG_HOST("its certificate is for another host name"),
        /** The server refused our client certificate, or wanted one and got none. */
        CLIENT_REFUSED("it refused our client certificate (or got none)"),
        /** Some other TLS failure. */
        OTHER("the TLS handshake failed");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        /** What happened, in words. */
        public String words() {
            return words;
        }
    }

    private TlsFailures() {
    }

    /**
     * One line: {@code what} (e.g. {@code etcd at 127.0.0.1:2379}), what is wrong, and what to fix.
     *
     * @param caKey       the workspace key naming the CA, e.g. {@code etcd.cacert}
     * @param clientKeys  the workspace keys of the client certificate, e.g. {@code etcd.cert/key}
     * @param serverCert  where the server's certificate is configured, e.g. {@code etcd's --cert-file}
     */
    public static String sentence(Kind kind, String what, String caKey, String clientKeys, String serverCert) {
        String fix = switch (kind) {
            case UNTRUSTED -> "set " + caKey + " in the workspace to the CA that signed " + serverCert;
            case EXPIRED -> "renew " + serverCert + " (or correct this machine's clock)";
            case WRONG_HOST -> "connect with a host name the certificate names, or reissue " + serverCert
                    + " with this host in its subjectAltName";
            case CLIENT_REFUSED -> "set " + clientKeys + " in the workspace to a client certificate the server's CA "
                    + "signed, and check that it has not expired";
            case OTHER -> "check " + caKey + ", " + clientKeys + " and " + serverCert;
        };
        return "TLS with " + what + " failed: " + kind.words() + "; " + fix;
    }

    /** The kind of TLS failure in {@code error}'s cause chain, or empty when it is not a TLS failure. */
    public static Optional<Kind> kind(Throwable error) {
        boolean tls = false;
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (name.startsWith("javax.net.ssl.") || name.startsWith("java.security.cert.")
                    || name.startsWith("sun.security.") || name.contains("NotSslRecordException")) {
                tls = true;
            }
            text.append(name).append(": ").append(t.getMessage()).append('\n');
        }
        String s = text.toString().toLowerCase(Locale.ROOT);
        if (!tls && !s.contains("ssl") && !s.contains("tls") && !s.contains("certificate")) {
            return Optional.empty();
        }
        if (s.contains("certificateexpired") || s.contains("validity check failed") || s.contains("notyetvalid")
                || s.contains("certificate expired") || s.contains("has expired")) {
            return Optional.of(Kind.EXPIRED);
        }
        if (s.contains("no subject alternative") || s.contains("no name matching") || s.contains("hostname")
                || s.contains("host name") || s.contains("doesn't match") || s.contains("does not match")) {
            return Optional.of(Kind.WRONG_HOST);
        }
        if (s.contains("pkix path") || s.contains("unable to find valid certification path")
                || s.contains("signature check failed") || s.contains("unknown_ca") || s.contains("unknown ca")) {
            return Optional.of(Kind.UNTRUSTED);
        }
        if (s.contains("bad_certificate") || s.contains("bad certificate") || s.contains("certificate_required")
                || s.contains("certificate required")) {
            return Optional.of(Kind.CLIENT_REFUSED);
        }
        return tls ? Optional.of(Kind.OTHER) : Optional.empty();
    }
}
