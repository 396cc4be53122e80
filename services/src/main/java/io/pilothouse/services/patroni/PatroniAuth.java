package io.pilothouse.services.patroni;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * Basic-auth credentials for Patroni's {@code restapi.authentication}, which guards the unsafe endpoints
 * ({@code POST /switchover}, {@code PATCH /config}, …). The password is never part of {@link #toString()}.
 */
public final class PatroniAuth {

    private final String username;
    private final char[] password;

    public PatroniAuth(String username, char[] password) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password").clone();
    }

    public String username() {
        return username;
    }

    /** The {@code Authorization} header value. */
    String basicHeader() {
        CharBuffer chars = CharBuffer.allocate(username.length() + 1 + password.length);
        chars.put(username).put(':').put(password).flip();
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(chars);
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        try {
            return "Basic " + Base64.getEncoder().encodeToString(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
            Arrays.fill(chars.array(), '\0');
        }
    }

    @Override
    public String toString() {
        return "PatroniAuth[" + username + ", password hidden]";
    }
}
