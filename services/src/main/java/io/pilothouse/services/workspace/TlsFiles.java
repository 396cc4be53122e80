package io.pilothouse.services.workspace;

/**
 * PEM files for a TLS endpoint: the CA that signed the server's certificate, and a client certificate with its key.
 * Host names are always verified; there is no setting to skip that.
 *
 * @param cacert the CA certificate(s), or null for the JDK's trust store
 * @param cert   the client certificate, or null
 * @param key    the client certificate's private key (PEM, PKCS#8, unencrypted), or null
 */
public record TlsFiles(String cacert, String cert, String key) {

    public TlsFiles {
        cacert = blankToNull(cacert);
        cert = blankToNull(cert);
        key = blankToNull(key);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
