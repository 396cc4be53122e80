package io.pilothouse.services.credentials;

import java.util.Objects;
import java.util.Optional;

/**
 * What one {@link CredentialSource} had for a request: a password and where exactly it came from, or a reason
 * why not. Never printed with the password.
 */
public final class CredentialAttempt {

    private final char[] password;
    private final CredentialOrigin origin;
    private final String detail;

    private CredentialAttempt(char[] password, CredentialOrigin origin, String detail) {
        this.password = password;
        this.origin = origin;
        this.detail = detail;
    }

    /**
     * A password was found.
     *
     * @param password the password; ownership passes to the attempt (and then to the {@link Credential})
     * @param origin   the kind of source
     * @param detail   where exactly, e.g. {@code /home/ana/.pgpass line 3}; no secret
     */
    public static CredentialAttempt found(char[] password, CredentialOrigin origin, String detail) {
        return new CredentialAttempt(Objects.requireNonNull(password, "password"), Objects.requireNonNull(origin),
                detail);
    }

    /** Nothing here, and why (shown to the user when no source has a password). */
    public static CredentialAttempt missing(String reason) {
        return new CredentialAttempt(null, null, Objects.requireNonNull(reason, "reason"));
    }

    /** True when a password was found. */
    public boolean isFound() {
        return password != null;
    }

    /** The password, if found. The array is the live one, not a copy. */
    public Optional<char[]> password() {
        return Optional.ofNullable(password);
    }

    /** The kind of source, if found. */
    public Optional<CredentialOrigin> origin() {
        return Optional.ofNullable(origin);
    }

    /** Where the password came from when found; otherwise why none was found. */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return isFound() ? "found in " + origin + " (" + detail + ")" : "missing: " + detail;
    }
}
