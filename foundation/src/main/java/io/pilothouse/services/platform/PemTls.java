package io.pilothouse.services.platform;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a JDK {@link SSLContext} from PEM files, with the JDK alone: CA certificates to trust (only those, when
 * given) and client certificates with their PKCS#8 keys. Host names are verified by whoever uses the context (the
 * JDK's HTTP client always does); nothing here trusts everything.
 */
public final class PemTls {

    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    /** One client identity: a certificate (chain) and its key. */
    public record Identity(Path cert, Path key) {
    }

    /** A TLS file that cannot be used, with what to do. */
    public static final class PemException extends Exception {
        public PemException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private PemTls() {
    }

    /**
     * A context trusting the CA certificates in {@code caFiles} (the JDK's trust store as well when
     * {@code alsoJdkDefaults}, or when no CA file is given) and presenting one of {@code identities}.
     */
    public static SSLContext context(List<Path> caFiles, boolean alsoJdkDefaults, List<Identity> identities)
            throws PemException {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int n = 0;
            for (Path ca : caFiles) {
                for (Certificate c : certificates(ca)) {
                    trust.setCertificateEntry("ca" + n++, c);
                }
            }
            if (alsoJdkDefaults || caFiles.isEmpty()) {
                for (X509Certificate c : jdkDefaults()) {
                    trust.setCertificateEntry("jdk" + n++, c);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            char[] none = new char[0];
            int k = 0;
            for (Identity id : identities) {
                Collection<? extends Certificate> chain = certificates(id.cert());
                keys.setKeyEntry("client" + k++, privateKey(id.key()), none, chain.toArray(Certificate[]::new));
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, none);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(identities.isEmpty() ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new PemException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** Every certificate in a PEM file; refused when there is none. */
    static Collection<? extends Certificate> certificates(Path file) throws PemException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new PemException(file + " holds no certificate; it should be a PEM file starting with "
                        + "-----BEGIN CERTIFICATE-----", null);
            }
            return certs;
        } catch (IOException | GeneralSecurityException e) {
            throw new PemException(file + " is not a readable PEM certificate (" + e.getMessage() + ")", e);
        }
    }

    /** An unencrypted PKCS#8 PEM key (EC, RSA or EdDSA). */
    static PrivateKey privateKey(Path file) throws PemException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new PemException(file + " cannot be read (" + e.getMessage() + ")", e);
        }
        Matcher m = PKCS8.matcher(text);
        if (!m.find()) {
            String form = text.contains("ENCRYPTED PRIVATE KEY") ? "an encrypted key"
                    : text.contains("RSA PRIVATE KEY") || text.contains("EC PRIVATE KEY") ? "a traditional (PKCS#1/SEC1) key"
                    : "not a PEM private key";
            throw new PemException(file + " is " + form + "; convert it to unencrypted PKCS#8: openssl pkcs8 -topk8 "
                    + "-nocrypt -in " + file + " -out key.pem (mode 0600)", null);
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        List<String> tried = new ArrayList<>();
        for (String algorithm : List.of("EC", "RSA", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                tried.add(algorithm);
            }
        }
        throw new PemException(file + " holds a key of an unsupported kind (tried " + String.join(", ", tried) + ")",
                null);
    }

    private static List<X509Certificate> jdkDefaults() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        List<X509Certificate> out = new ArrayList<>();
        for (var tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                out.addAll(List.of(x.getAcceptedIssuers()));
            }
        }
        return out;
    }
}
