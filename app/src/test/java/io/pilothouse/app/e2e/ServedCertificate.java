package io.pilothouse.app.e2e;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/**
 * The certificate a server presents right now, read by a test to see that a reload took effect (nothing is trusted
 * or sent after the handshake). PostgreSQL is asked with its SSLRequest first.
 */
final class ServedCertificate {

    private ServedCertificate() {
    }

    /** A TLS server's certificate (Patroni's REST API, etcd). */
    static X509Certificate tls(String host, int port) throws IOException, GeneralSecurityException {
        return handshake(new Socket(), host, port, false);
    }

    /** PostgreSQL's certificate, after its SSLRequest. */
    static X509Certificate postgres(String host, int port) throws IOException, GeneralSecurityException {
        return handshake(new Socket(), host, port, true);
    }

    private static X509Certificate handshake(Socket plain, String host, int port, boolean sslRequest)
            throws IOException, GeneralSecurityException {
        try (plain) {
            plain.connect(new InetSocketAddress(host, port), 2000);
            plain.setSoTimeout(2000);
            if (sslRequest) {
                DataOutputStream out = new DataOutputStream(plain.getOutputStream());
                out.writeInt(8);
                out.writeInt(80877103);
                out.flush();
                int answer = plain.getInputStream().read();
                if (answer != 'S') {
                    throw new IOException("PostgreSQL at " + host + ":" + port + " refused TLS (" + answer + ")");
                }
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new ReadOnly()}, null);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, false)) {
                tls.startHandshake();
                return (X509Certificate) tls.getSession().getPeerCertificates()[0];
            }
        }
    }

    /** Accepts any chain: the test only reads which certificate is served, it sends nothing after the handshake. */
    private static final class ReadOnly implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
