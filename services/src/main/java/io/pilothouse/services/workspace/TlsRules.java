package io.pilothouse.services.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What TLS settings must look like: absolute paths to readable files, a certificate never without its key, https
 * endpoints when TLS files are given, and for PostgreSQL an {@code sslmode} that verifies the server whenever TLS
 * files are set: a mode that may fall back to plain text or skip the check would be a silent downgrade.
 */
final class TlsRules {

    private static final Set<String> VERIFYING_MODES = Set.of("verify-ca", "verify-full");

    private TlsRules() {
    }

    static void checkPostgres(int i, String name, PostgresConfig pg, List<String> problems) {
        file(i, name, "postgres.sslrootcert", pg.sslrootcert(), problems);
        file(i, name, "postgres.sslcert", pg.sslcert(), problems);
        file(i, name, "postgres.sslkey", pg.sslkey(), problems);
        pair(i, name, "postgres.sslcert", pg.sslcert(), "postgres.sslkey", pg.sslkey(), problems);
        if (pg.hasTlsFiles() && !VERIFYING_MODES.contains(pg.sslmode())) {
            problems.add(Where.source(i, name, "postgres.sslmode") + " '" + pg.sslmode() + "' does not verify the "
                    + "server although TLS files are set (it could connect to an impostor or in plain text); use "
                    + "sslmode: verify-full, or remove the line to get it by default");
        }
        if (pg.sslkey() != null && isPem(pg.sslkey())) {
            problems.add(Where.source(i, name, "postgres.sslkey") + " '" + pg.sslkey() + "' is a PEM key, which "
                    + "pgjdbc cannot read; convert it to PKCS-8 DER: openssl pkcs8 -topk8 -nocrypt -outform DER -in "
                    + pg.sslkey() + " -out client.pk8 (mode 0600), and name that file here");
        }
    }

    static void checkEtcd(int i, String name, EtcdConfig etcd, List<String> problems) {
        file(i, name, "etcd.cacert", etcd.cacert(), problems);
        file(i, name, "etcd.cert", etcd.cert(), problems);
        file(i, name, "etcd.key", etcd.key(), problems);
        pair(i, name, "etcd.cert", etcd.cert(), "etcd.key", etcd.key(), problems);
        boolean files = etcd.cacert() != null || etcd.cert() != null || etcd.key() != null;
        if (files) {
            httpEndpoints(i, name, "etcd.endpoints", etcd.endpoints(), "etcd.cacert/cert/key", problems);
        }
    }

    static void checkPatroni(int i, String name, SourceConfig s, List<String> problems) {
        TlsFiles tls = s.patroniTls();
        if (tls == null) {
            return;
        }
        file(i, name, "patroniTls.cacert", tls.cacert(), problems);
        file(i, name, "patroniTls.cert", tls.cert(), problems);
        file(i, name, "patroniTls.key", tls.key(), problems);
        pair(i, name, "patroniTls.cert", tls.cert(), "patroniTls.key", tls.key(), problems);
        httpEndpoints(i, name, "patroni", s.patroni(), "patroniTls", problems);
    }

    private static void httpEndpoints(int i, String name, String field, List<String> urls, String tlsKey,
                                      List<String> problems) {
        for (int e = 0; e < urls.size(); e++) {
            String url = urls.get(e) == null ? "" : urls.get(e).trim();
            if (url.regionMatches(true, 0, "http://", 0, 7)) {
                problems.add(Where.source(i, name, field + "[" + e + "]") + " '" + url + "' is plain http although "
                        + tlsKey + " is set; write https://" + url.substring(7) + " so the connection is encrypted "
                        + "and verified");
            }
        }
    }

    private static void pair(int i, String name, String certField, String cert, String keyField, String key,
                             List<String> problems) {
        if (cert != null && key == null) {
            problems.add(Where.source(i, name, keyField) + " is missing; a client certificate (" + certField
                    + ") needs its private key");
        } else if (key != null && cert == null) {
            problems.add(Where.source(i, name, certField) + " is missing; a private key (" + keyField
                    + ") needs its client certificate");
        }
    }

    private static void file(int i, String name, String field, String value, List<String> problems) {
        if (value == null) {
            return;
        }
        Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            problems.add(Where.source(i, name, field) + " '" + value + "' is not a valid path");
            return;
        }
        if (!path.isAbsolute()) {
            problems.add(Where.source(i, name, field) + " '" + value + "' is not an absolute path; write the full "
                    + "path, e.g. /etc/pilothouse/tls/ca.crt");
        } else if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            problems.add(Where.source(i, name, field) + " '" + value + "' is not a readable file; check the path "
                    + "and its permissions");
        }
    }

    private static boolean isPem(String file) {
        try {
            byte[] head = Files.readAllBytes(Path.of(file));
            return new String(head, 0, Math.min(head.length, 64), StandardCharsets.US_ASCII).contains("-----BEGIN");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
