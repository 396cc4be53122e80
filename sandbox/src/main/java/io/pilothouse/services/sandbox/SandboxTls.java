package io.pilothouse.services.sandbox;

import io.pilothouse.services.platform.PemTls;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The certificates of a {@code --tls} sandbox, made with the {@code openssl} command: a CA, a server certificate for
 * {@code 127.0.0.1} and {@code localhost} (also usable as a client certificate: Patroni and etcd's gateway present
 * it to their peers) and a client certificate for Pilothouse. All expire after {@link #VALID_DAYS} days: a sandbox is
 * short-lived and so are its keys. Private keys are mode 0600: the server key owned by the user the servers run as,
 * the others by whoever runs the launcher.
 */
final class SandboxTls {

    /** How long the certificates are valid. */
    static final int VALID_DAYS = 2;

    static final String CA_CERT = "ca.crt";
    static final String SERVER_CERT = "server.crt";
    static final String SERVER_KEY = "server.key";
    static final String CLIENT_CERT = "client.crt";
    static final String CLIENT_KEY = "client.key";
    /** The client key as pgjdbc reads it: PKCS-8 DER. */
    static final String CLIENT_KEY_DER = "client.pk8";

    private static final String CA_KEY = "ca.key";
    private static final Duration OPENSSL_LIMIT = Duration.ofSeconds(30);
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    private SandboxTls() {
    }

    /** Creates {@code DIR/tls} with the CA, server and client certificates. */
    static void generate(SandboxLayout layout, SandboxUser user) {
        Path dir = PrivateFiles.directory(layout.tlsDir(), PrivateFiles.SHARED_DIR);
        Path log = layout.logs().resolve("openssl.log");
        String days = Integer.toString(VALID_DAYS);
        openssl(dir, log, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", CA_KEY, "-out", CA_CERT, "-days", days, "-subj", "/CN=Pilothouse sandbox CA " + Integer.toHexString(dir.hashCode()),
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        // No common name: etcd's gateway presents this certificate to etcd itself, and etcd 3.4 refuses a gateway
        // request whose certificate has one ("CommonName … against gateway will be ignored"). Host names are in
        // the subjectAltName, which is what every client checks.
        signed(dir, log, "server", "/O=Pilothouse sandbox server", "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                + "extendedKeyUsage=serverAuth,clientAuth\n", days);
        signed(dir, log, "client", "/CN=pilothouse", "extendedKeyUsage=clientAuth\n", days);
        openssl(dir, log, "pkcs8", "-topk8", "-nocrypt", "-outform", "DER", "-in", CLIENT_KEY, "-out",
                CLIENT_KEY_DER);
        try {
            for (String f : List.of(CA_KEY, SERVER_KEY, CLIENT_KEY, CLIENT_KEY_DER)) {
                Files.setPosixFilePermissions(dir.resolve(f), PRIVATE);
            }
            for (String f : List.of(CA_CERT, SERVER_CERT, CLIENT_CERT)) {
                Files.setPosixFilePermissions(dir.resolve(f), PUBLIC);
            }
        } catch (IOException e) {
            throw new SandboxException("Cannot set the modes of the certificates in " + dir + ": " + e.getMessage(), e);
        }
        // PostgreSQL refuses a key file that is not its own user's (or root's with group read).
        user.own(dir.resolve(SERVER_KEY));
    }

    /**
     * Signs a new key's certificate with the CA, for {@code subject}, with the given extensions.
     *
     * @param days validity in days; negative for a certificate that has already expired
     */
    static void signed(Path dir, Path log, String name, String subject, String extensions, String days) {
        Path ext = dir.resolve(name + ".ext");
        PrivateFiles.write(ext, "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
                + extensions, PUBLIC);
        openssl(dir, log, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject);
        openssl(dir, log, "x509", "-req", "-in", name + ".csr", "-CA", CA_CERT, "-CAkey", CA_KEY,
                "-CAcreateserial", "-days", days, "-out", name + ".crt", "-extfile", ext.getFileName().toString());
        try {
            Files.deleteIfExists(ext);
            Files.deleteIfExists(dir.resolve(name + ".csr"));
            Files.deleteIfExists(dir.resolve("ca.srl"));
        } catch (IOException e) {
            throw new SandboxException("Cannot tidy " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A JDK context trusting the sandbox CA only and presenting the client certificate. */
    static SSLContext clientContext(Path tlsDir) {
        try {
            return PemTls.context(List.of(tlsDir.resolve(CA_CERT)), false,
                    List.of(new PemTls.Identity(tlsDir.resolve(CLIENT_CERT), tlsDir.resolve(CLIENT_KEY))));
        } catch (PemTls.PemException e) {
            throw new SandboxException("Cannot use the sandbox certificates in " + tlsDir + ": " + e.getMessage(), e);
        }
    }

    private static void openssl(Path dir, Path log, String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        ToolRun run = ToolRun.run(command, dir, Map.of(), log, OPENSSL_LIMIT);
        if (!run.succeeded()) {
            throw new SandboxException("openssl " + args[0] + " failed in " + dir + ": " + run.tail(5));
        }
    }
}
