package io.pilothouse.services.credentials;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A user name and, perhaps, a password, with where it came from and why earlier sources had none. The password is
 * a {@code char[]} so it can be wiped with {@link #close()}; it never appears in {@link #toString()}.
 */
public final class Credential implements AutoCloseable {

    private final String user;
    private final char[] password;
    private final CredentialOrigin origin;
    private final String detail;
    private final List<String> notes;

    /**
     * @param user     role name
     * @param password the password (owned by this credential from now on); empty for {@link CredentialOrigin#NONE}
     * @param origin   where it came from
     * @param detail   where exactly (file and line, keyring account), or null
     * @param notes    why the sources tried before had nothing; no secrets
     */
    public Credential(String user, char[] password, CredentialOrigin origin, String detail, List<String> notes) {
        this.user = Objects.requireNonNull(user, "user");
        this.password = password == null ? new char[0] : password;
        this.origin = Objects.requireNonNull(origin, "origin");
        this.detail = detail;
        this.notes = List.copyOf(notes);
    }

    /** No password anywhere; connect without one. */
    public static Credential none(String user, List<String> notes) {
        return new Credential(user, new char[0], CredentialOrigin.NONE, null, notes);
    }

    /** Role name. */
    public String user() {
        return user;
    }

    /**
     * The password; empty when none was found. This is the live array (not a copy) so that {@link #close()}
     * wipes what the caller used; pass it on, don't keep it.
     */
    public char[] password() {
        return password;
    }

    /** True when there is a non-empty password. */
    public boolean hasPassword() {
        return password.length > 0;
    }

    /** Where the password came from. */
    public CredentialOrigin origin() {
        return origin;
    }

    /** Where exactly, e.g. {@code /home/ana/.pgpass line 3} or {@code keyring pilothouse/ana@db1:5432}; may be null. */
    public String detail() {
        return detail;
    }

    /** Why each source tried before this one had nothing; what to show the user when authentication fails. */
    public List<String> notes() {
        return notes;
    }

    /** Overwrites the password in memory. */
    @Override
    public void close() {
        Arrays.fill(password, '\0');
    }

    @Override
    public String toString() {
        return "Credential[user=" + user + ", origin=" + origin + (detail == null ? "" : " (" + detail + ")")
                + ", password=" + (hasPassword() ? "<redacted>" : "<none>") + "]";
    }
}
