package io.pilothouse.services.trafficops;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL wire protocol, as much as PgBouncer's admin console needs: start-up with cleartext, MD5 or
 * SCRAM-SHA-256 authentication, and simple queries returning text rows. Not pgjdbc: from 42.7.5 on it sends
 * {@code SET extra_float_digits} to any server reporting a version below 12, which PgBouncer's console (before 1.25)
 * refuses with "SET failed". No TLS: the console is expected on loopback or a trusted network.
 */
final class ConsoleWire implements AutoCloseable {

    /** An error the console answered with. */
    static final class ServerError extends IOException {
        private static final long serialVersionUID = 1L;
        private final String code;

        ServerError(String code, String message) {
            super(message);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private ConsoleWire(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
        this.out = socket.getOutputStream();
    }

    /** Connects and logs in to {@code database} as {@code user}. */
    static ConsoleWire open(String host, int port, String database, String user, char[] password, int timeoutMillis)
            throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            ConsoleWire wire = new ConsoleWire(s);
            wire.startup(database, user, password);
            return wire;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Sets how long one read may wait (PAUSE waits for clients' transactions). */
    void readTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** Runs one simple query; returns its rows (column name to text value, null for NULL). */
    List<Map<String, String>> query(String sql) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        cstring(body, sql);
        send('Q', body.toByteArray());
        List<Map<String, String>> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        ServerError error = null;
        while (true) {
            int type = in.readUnsignedByte();
            byte[] msg = new byte[in.readInt() - 4];
            in.readFully(msg);
            switch (type) {
                case 'T' -> names = rowDescription(msg);
                case 'D' -> rows.add(dataRow(msg, names));
                case 'E' -> error = error(msg);
                case 'Z' -> {
                    if (error != null) {
                        throw error;
                    }
                    return rows;
                }
                default -> { } // CommandComplete, NoticeResponse, ParameterStatus, EmptyQueryResponse
            }
        }
    }

    private void startup(String database, String user, char[] password) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int32(body, 196608);
        cstring(body, "user");
        cstring(body, user);
        cstring(body, "database");
        cstring(body, database);
        cstring(body, "application_name");
        cstring(body, "pilothouse");
        body.write(0);
        byte[] b = body.toByteArray();
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        int32(packet, b.length + 4);
        packet.writeBytes(b);
        out.write(packet.toByteArray());
        out.flush();
        Scram scram = null;
        while (true) {
            int type = in.readUnsignedByte();
            byte[] msg = new byte[in.readInt() - 4];
            in.readFully(msg);
            if (type == 'E') {
                throw error(msg);
            }
            if (type == 'Z') {
                return;
            }
            if (type != 'R') {
                continue;
            }
            int code = ((msg[0] & 0xff) << 24) | ((msg[1] & 0xff) << 16) | ((msg[2] & 0xff) << 8) | (msg[3] & 0xff);
            switch (code) {
                case 0 -> { }
                case 3 -> send('p', cstringBytes(new String(require(password))));
                case 5 -> send('p', cstringBytes(md5(user, require(password), java.util.Arrays.copyOfRange(msg, 4,
                        8))));
                case 10 -> {
                    String mechanisms = new String(msg, 4, msg.length - 4, StandardCharsets.UTF_8);
                    if (!mechanisms.contains("SCRAM-SHA-256")) {
                        throw new IOException("the console offers no SASL mechanism Pilothouse speaks: "
                                + mechanisms.replace('\0', ' ').strip());
                    }
                    scram = new Scram(require(password));
                    ByteArrayOutputStream p = new ByteArrayOutputStream();
                    cstring(p, "SCRAM-SHA-256");
                    byte[] first = scram.clientFirst().getBytes(StandardCharsets.UTF_8);
                    int32(p, first.length);
                    p.writeBytes(first);
                    send('p', p.toByteArray());
                }
                case 11 -> send('p', scram.clientFinal(new String(msg, 4, msg.length - 4,
                        StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
                case 12 -> scram.verifyServerFinal(new String(msg, 4, msg.length - 4, StandardCharsets.UTF_8));
                default -> throw new IOException("the console asks for an authentication method Pilothouse does not "
                        + "speak (code " + code + ")");
            }
        }
    }

    private static char[] require(char[] password) throws IOException {
        if (password == null) {
            throw new ServerError("28P01", "a password is required and none was found (pgpass line for database "
                    + "pgbouncer, or the keyring)");
        }
        return password;
    }

    private static String md5(String user, char[] password, byte[] salt) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update(new String(password).getBytes(StandardCharsets.UTF_8));
            md.update(user.getBytes(StandardCharsets.UTF_8));
            String inner = hex(md.digest());
            md.reset();
            md.update(inner.getBytes(StandardCharsets.US_ASCII));
            md.update(salt);
            return "md5" + hex(md.digest());
        } catch (GeneralSecurityException e) {
            throw new IOException("MD5 is not available: " + e.getMessage(), e);
        }
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x));
        }
        return s.toString();
    }

    /** SCRAM-SHA-256 without channel binding (RFC 5802 / 7677), as libpq does over plain TCP. */
    private static final class Scram {
        private final char[] password;
        private final String clientNonce;
        private String clientFirstBare;
        private byte[] saltedPassword;
        private String authMessage;

        Scram(char[] password) {
            this.password = password;
            byte[] n = new byte[18];
            new SecureRandom().nextBytes(n);
            this.clientNonce = Base64.getEncoder().encodeToString(n);
        }

        String clientFirst() {
            clientFirstBare = "n=,r=" + clientNonce;
            return "n,," + clientFirstBare;
        }

        String clientFinal(String serverFirst) throws IOException {
            Map<Character, String> f = attributes(serverFirst);
            String nonce = f.get('r');
            if (nonce == null || !nonce.startsWith(clientNonce)) {
                throw new IOException("the console's SCRAM answer does not carry our nonce");
            }
            try {
                byte[] salt = Base64.getDecoder().decode(f.get('s'));
                int iterations = Integer.parseInt(f.get('i'));
                PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
                saltedPassword = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec)
                        .getEncoded();
                byte[] clientKey = hmac(saltedPassword, "Client Key");
                byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
                String withoutProof = "c=biws,r=" + nonce;
                authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
                byte[] signature = hmac(storedKey, authMessage);
                byte[] proof = new byte[clientKey.length];
                for (int i = 0; i < proof.length; i++) {
                    proof[i] = (byte) (clientKey[i] ^ signature[i]);
                }
                return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new IOException("SCRAM failed: " + e.getMessage(), e);
            }
        }

        void verifyServerFinal(String serverFinal) throws IOException {
            try {
                String expected = Base64.getEncoder().encodeToString(hmac(hmac(saltedPassword, "Server Key"),
                        authMessage));
                if (!expected.equals(attributes(serverFinal).get('v'))) {
                    throw new IOException("the console's SCRAM signature does not match: not the PgBouncer we "
                            + "think it is");
                }
            } catch (GeneralSecurityException e) {
                throw new IOException("SCRAM failed: " + e.getMessage(), e);
            }
        }

        private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        }

        private static Map<Character, String> attributes(String s) {
            Map<Character, String> out = new LinkedHashMap<>();
            for (String part : s.split(",")) {
                if (part.length() >= 2 && part.charAt(1) == '=') {
                    out.put(part.charAt(0), part.substring(2));
                }
            }
            return out;
        }
    }

    private static List<String> rowDescription(byte[] msg) {
        List<String> names = new ArrayList<>();
        int count = ((msg[0] & 0xff) << 8) | (msg[1] & 0xff);
        int p = 2;
        for (int i = 0; i < count; i++) {
            int end = p;
            while (msg[end] != 0) {
                end++;
            }
            names.add(new String(msg, p, end - p, StandardCharsets.UTF_8));
            p = end + 1 + 18;
        }
        return names;
    }

    private static Map<String, String> dataRow(byte[] msg, List<String> names) {
        Map<String, String> row = new LinkedHashMap<>();
        int count = ((msg[0] & 0xff) << 8) | (msg[1] & 0xff);
        int p = 2;
        for (int i = 0; i < count; i++) {
            int len = ((msg[p] & 0xff) << 24) | ((msg[p + 1] & 0xff) << 16) | ((msg[p + 2] & 0xff) << 8)
                    | (msg[p + 3] & 0xff);
            p += 4;
            String value = len < 0 ? null : new String(msg, p, len, StandardCharsets.UTF_8);
            p += Math.max(len, 0);
            row.put(i < names.size() ? names.get(i) : "column" + i, value);
        }
        return row;
    }

    private static ServerError error(byte[] msg) {
        String code = "";
        String message = "";
        int p = 0;
        while (p < msg.length && msg[p] != 0) {
            char field = (char) msg[p];
            int end = p + 1;
            while (end < msg.length && msg[end] != 0) {
                end++;
            }
            String value = new String(msg, p + 1, end - p - 1, StandardCharsets.UTF_8);
            if (field == 'C') {
                code = value;
            } else if (field == 'M') {
                message = value;
            }
            p = end + 1;
        }
        return new ServerError(code, "ERROR: " + message);
    }

    private void send(char type, byte[] body) throws IOException {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(type);
        int32(packet, body.length + 4);
        packet.writeBytes(body);
        out.write(packet.toByteArray());
        out.flush();
    }

    private static byte[] cstringBytes(String s) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        cstring(b, s);
        return b.toByteArray();
    }

    private static void cstring(ByteArrayOutputStream b, String s) {
        b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        b.write(0);
    }

    private static void int32(ByteArrayOutputStream b, int v) {
        b.write(v >>> 24);
        b.write(v >>> 16);
        b.write(v >>> 8);
        b.write(v);
    }

    @Override
    public void close() {
        try {
            send('X', new byte[0]);
        } catch (IOException ignored) {
            // the console went away first: closing the socket is all that is left
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
