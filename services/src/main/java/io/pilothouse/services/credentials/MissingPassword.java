package io.pilothouse.services.credentials;

import java.util.Objects;

/**
 * What to tell the user when a server asks for a password and none was found: which pgpass line or keyring entry
 * would supply it. Holds no secret: the password in the advice is the placeholder {@code <password>}.
 */
public final class MissingPassword {

    private MissingPassword() {
    }

    /** The pgpass line that would match {@code request}, e.g. {@code 127.0.0.1:5432:*:monitor:<password>}. */
    public static String pgpassLine(CredentialRequest request) {
        return escape(request.host()) + ":" + request.port() + ":*:" + escape(request.user()) + ":<password>";
    }

    /** The command that stores the password in the system keyring. */
    public static String keyringCommand(CredentialRequest request) {
        return "pilothouse credentials set --host " + request.host() + " --port " + request.port() + " --user "
                + request.user();
    }

    /**
     * One line: {@code no password for monitor@127.0.0.1:5432 (the server asks for one): add the line … to … (chmod
     * 600), or run: pilothouse credentials set …}.
     *
     * @param request  the connection
     * @param pgpass   where libpq would look for the pgpass file of this request
     */
    public static String advice(CredentialRequest request, PgPassLookup pgpass) {
        Objects.requireNonNull(request, "request");
        PgPassLookup.Located file = pgpass.locate(request.passfile());
        return "no password for " + OsKeyring.account(request) + " (the server asks for one; none in pgpass or "
                + "the keyring, none typed): add the line " + pgpassLine(request) + " to " + file.file()
                + " (chmod 600), or run: " + keyringCommand(request);
    }

    private static String escape(String field) {
        return field.replace("\\", "\\\\").replace(":", "\\:");
    }
}
