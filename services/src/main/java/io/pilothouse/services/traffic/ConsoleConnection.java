package io.pilothouse.services.traffic;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A minimal PostgreSQL wire-protocol client for PgBouncer's admin console: startup with user and database only, then
 * simple queries. pgjdbc cannot be used there: since 42.7.5 it sends {@code SET extra_float_digits} after logging in,
 * which the console of PgBouncer before 1.25 refuses ("SET failed", pgbouncer#1509), whatever
 * {@code ignore_startup_parameters} says. Authentication: trust, clear text, md5 and SCRAM-SHA-256 (the password is
 * held only for the login and cleared). No TLS: the console is reached on loopback or a trusted network; a
 * {@code sslmode} of {@code require} or stricter is refused in words by the caller.
 *
 * <p>The one console client of the code base: the traffic readers ({@code SHOW ...}) and the operations in
 * {@code trafficops} ({@code PAUSE}, {@code RESUME}, {@code RECONNECT}) both speak through it. Errors are
 * {@link SQLException}s: SQLState {@code 08001} when the console cannot be reached, {@code 08006} when it stops
 * answering (the cause is then a {@link SocketTimeoutException} on a timeout), otherwise the code the console sent.
 */
public final class ConsoleConnection implements AutoCloseable {

    private static final int PROTOCOL_3 = 196608;
    private static final int AUTH_OK = 0;
    private static final int AUTH_CLEARTEXT = 3;
    private static final int AUTH_MD5 = 5;
    private static final int AUTH_SASL = 10;
    private static final int AUTH_SASL_CONTINUE = 11;
    private static final int AUTH_SASL_FINAL = 12;
    private static final String SCRAM = "SCRAM-SHA-256";

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    private ConsoleConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
        this.out = new DataOutputStream(new java.io.BufferedOutputStream(socket.getOutputStream()));
    }

    /** Connects and logs in; {@code password} may be null (trust) and is cleared before this returns. */
    public static ConsoleConnection open(String host, int port, String database, String user, char[] password,
                                  Duration connectTimeout, Duration readTimeout) throws SQLException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            ConsoleConnection c = new ConsoleConnection(socket);
            c.startup(database, user, password);
            return c;
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new SQLException("no answer within " + readTimeout.toSeconds() + " s", "08006", e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new SQLException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), "08001",
                    e);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private void startup(String database, String user, char[] password) throws IOException, SQLException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream b = new DataOutputStream(body);
        b.writeInt(PROTOCOL_3);
        for (String s : List.of("user", user, "database", database, "application_name", "pilothouse")) {
            cstring(b, s);
        }
        b.writeByte(0);
        out.writeInt(body.size() + 4);
        body.writeTo(out);
        out.flush();
        Scram scram = null;
        while (true) {
            int type = in.readUnsignedByte();
            byte[] payload = new byte[in.readInt() - 4];
            in.readFully(payload);
            DataInputStream p = new DataInputStream(new java.io.ByteArrayInputStream(payload));
            switch (type) {
                case 'R' -> {
                    int code = p.readInt();
                    if (code == AUTH_OK) {
                        continue;
                    }
                    if (password == null && code != AUTH_SASL_FINAL) {
                        throw new SQLException("password authentication needs a password, and none was found for "
                                + user + " (pgpass, keyring)", "28P01");
                    }
                    if (code == AUTH_CLEARTEXT) {
                        send('p', cstringBytes(new String(password)));
                    } else if (code == AUTH_MD5) {
                        byte[] salt = p.readNBytes(4);
                        send('p', cstringBytes(md5Password(user, password, salt)));
                    } else if (code == AUTH_SASL) {
                        scram = new Scram(password);
                        byte[] first = scram.clientFirst().getBytes(StandardCharsets.UTF_8);
                        ByteArrayOutputStream m = new ByteArrayOutputStream();
                        DataOutputStream d = new DataOutputStream(m);
                        cstring(d, SCRAM);
                        d.writeInt(first.length);
                        d.write(first);
                        send('p', m.toByteArray());
                    } else if (code == AUTH_SASL_CONTINUE && scram != null) {
                        send('p', scram.clientFinal(new String(p.readAllBytes(), StandardCharsets.UTF_8))
                                .getBytes(StandardCharsets.UTF_8));
                    } else if (code == AUTH_SASL_FINAL && scram != null) {
                        scram.verifyServer(new String(p.readAllBytes(), StandardCharsets.UTF_8));
                    } else {
                        throw new SQLException("unsupported authentication method " + code, "28000");
                    }
                }
                case 'E' -> throw error(payload);
                case 'Z' -> {
                    return;
                }
                default -> {
                    // ParameterStatus, BackendKeyData, NoticeResponse: nothing to keep.
                }
            }
        }
    }

    /**
     * Sets how long one read may wait from now on: {@code PAUSE} answers only once the server connections are
     * released, which a client in a long transaction holds up.
     */
    public void readTimeout(Duration readTimeout) throws SQLException {
        try {
            socket.setSoTimeout((int) readTimeout.toMillis());
        } catch (IOException e) {
            throw new SQLException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), "08006",
                    e);
        }
    }

    /** Every row of {@code sql} (a simple query) as column name to text (null for SQL NULL). */
    public List<Map<String, String>> rows(String sql) throws SQLException {
        try {
            send('Q', cstringBytes(sql));
            List<String> columns = List.of();
            List<Map<String, String>> rows = new ArrayList<>();
            SQLException failure = null;
            while (true) {
                int type = in.readUnsignedByte();
                byte[] payload = new byte[in.readInt() - 4];
                in.readFully(payload);
                DataInputStream p = new DataInputStream(new java.io.ByteArrayInputStream(payload));
                switch (type) {
                    case 'T' -> columns = columns(p);
                    case 'D' -> rows.add(row(p, columns));
                    case 'E' -> failure = error(payload);
                    case 'Z' -> {
                        if (failure != null) {
                            throw failure;
                        }
                        return rows;
                    }
                    default -> {
                        // CommandComplete, NoticeResponse, EmptyQueryResponse.
                    }
                }
            }
        } catch (SocketTimeoutException e) {
            throw new SQLException("no answer within " + socketTimeoutSeconds() + " s", "08006", e);
        } catch (IOException e) {
            throw new SQLException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), "08006",
                    e);
        }
    }

    private long socketTimeoutSeconds() {
        try {
            return socket.getSoTimeout() / 1000L;
        } catch (IOException e) {
            return 0;
        }
    }

    private static List<String> columns(DataInputStream p) throws IOException {
        int n = p.readUnsignedShort();
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(readCString(p));
            p.skipNBytes(18);
        }
        return names;
    }

    private static Map<String, String> row(DataInputStream p, List<String> columns) throws IOException {
        int n = p.readUnsignedShort();
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            int len = p.readInt();
            String value = len < 0 ? null : new String(p.readNBytes(len), StandardCharsets.UTF_8);
            row.put(i < columns.size() ? columns.get(i) : "column" + i, value);
        }
        return row;
    }

    private static SQLException error(byte[] payload) {
        String message = null;
        String state = null;
        int i = 0;
        while (i < payload.length && payload[i] != 0) {
            char field = (char) payload[i++];
            int end = i;
            while (end < payload.length && payload[end] != 0) {
                end++;
            }
            String value = new String(payload, i, end - i, StandardCharsets.UTF_8);
            if (field == 'M') {
                message = value;
            } else if (field == 'C') {
                state = value;
            }
            i = end + 1;
        }
        return new SQLException("ERROR: " + (message == null ? "unknown error" : message),
                state == null ? "XX000" : state);
    }

    private void send(char type, byte[] body) throws IOException {
        out.writeByte(type);
        out.writeInt(body.length + 4);
        out.write(body);
        out.flush();
    }

    private static void cstring(DataOutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.writeByte(0);
    }

    private static byte[] cstringBytes(String s) {
        byte[] text = s.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(text, text.length + 1);
    }

    private static String readCString(DataInputStream p) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = p.read()) > 0) {
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    static String md5Password(String user, char[] password, byte[] salt) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            String inner = HexFormat.of().formatHex(md5.digest((new String(password) + user)
                    .getBytes(StandardCharsets.UTF_8)));
            md5.reset();
            md5.update(inner.getBytes(StandardCharsets.US_ASCII));
            md5.update(salt);
            return "md5" + HexFormat.of().formatHex(md5.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }

    @Override
    public void close() {
        try {
            send('X', new byte[0]);
        } catch (IOException e) {
            // Closing anyway.
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing to do.
        }
    }

    /** The client side of SCRAM-SHA-256 (RFC 5802/7677), without channel binding, as PostgreSQL speaks it. */
    static final class Scram {
        private final char[] password;
        private final String clientNonce;
        private String clientFirstBare;
        private byte[] serverKey;
        private String authMessage;

        Scram(char[] password) {
            this(password, nonce());
        }

        Scram(char[] password, String clientNonce) {
            this.password = password.clone();
            this.clientNonce = clientNonce;
        }

        private static String nonce() {
            byte[] raw = new byte[18];
            new SecureRandom().nextBytes(raw);
            return Base64.getEncoder().encodeToString(raw);
        }

        String clientFirst() {
            clientFirstBare = "n=,r=" + clientNonce;
            return "n,," + clientFirstBare;
        }

        String clientFinal(String serverFirst) throws SQLException {
            Map<Character, String> f = fields(serverFirst);
            String nonce = f.get('r');
            if (nonce == null || !nonce.startsWith(clientNonce) || f.get('s') == null || f.get('i') == null) {
                throw new SQLException("the server's SCRAM challenge is malformed", "28000");
            }
            try {
                byte[] salted = pbkdf2(password, Base64.getDecoder().decode(f.get('s')),
                        Integer.parseInt(f.get('i')));
                Arrays.fill(password, '\0');
                byte[] clientKey = hmac(salted, "Client Key");
                byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
                String withoutProof = "c=biws,r=" + nonce;
                authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
                byte[] signature = hmac(storedKey, authMessage);
                byte[] proof = new byte[clientKey.length];
                for (int i = 0; i < proof.length; i++) {
                    proof[i] = (byte) (clientKey[i] ^ signature[i]);
                }
                serverKey = hmac(salted, "Server Key");
                return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new SQLException("SCRAM failed: " + e.getMessage(), "28000", e);
            }
        }

        void verifyServer(String serverFinal) throws SQLException {
            String v = fields(serverFinal).get('v');
            try {
                if (v == null || serverKey == null
                        || !MessageDigest.isEqual(Base64.getDecoder().decode(v), hmac(serverKey, authMessage))) {
                    throw new SQLException("the server's SCRAM signature does not match: not the server it claims "
                            + "to be", "28000");
                }
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new SQLException("SCRAM failed: " + e.getMessage(), "28000", e);
            }
        }

        private static Map<Character, String> fields(String message) {
            Map<Character, String> out = new LinkedHashMap<>();
            for (String part : message.split(",")) {
                if (part.length() >= 2 && part.charAt(1) == '=') {
                    out.put(part.charAt(0), part.substring(2));
                }
            }
            return out;
        }

        private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) throws GeneralSecurityException {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        }

        private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
