package io.pilothouse.app.credentials;

import io.pilothouse.services.credentials.Credential;
import io.pilothouse.services.credentials.CredentialRequest;
import io.pilothouse.services.credentials.CredentialResolver;
import io.pilothouse.services.credentials.OsKeyring;
import io.pilothouse.services.credentials.PasswordPrompt;
import io.pilothouse.services.credentials.PgPassLookup;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Run in a child JVM inside the test's D-Bus session: resolves {@code args[0..2]} (host, port, user) through the
 * app's chain (an empty pgpass, the real keyring, nobody asking) and prints where the password came from and
 * whether it equals the first line of standard input; never the password itself.
 */
public final class KeyringProbe {

    private KeyringProbe() {
    }

    public static void main(String[] args) throws Exception {
        char[] expected = new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip()
                .toCharArray();
        try (OsKeyring keyring = new OsKeyring()) {
            CredentialResolver resolver = CredentialResolver.standard(new PgPassLookup(Map.of("PGPASSFILE",
                    "/nonexistent/pgpass"), Path.of("/nonexistent"), io.pilothouse.services.platform.OsFamily.LINUX),
                    keyring, PasswordPrompt.NON_INTERACTIVE);
            try (Credential c = resolver.resolve(new CredentialRequest(args[0], Integer.parseInt(args[1]),
                    "postgres", args[2], null))) {
                System.out.println("origin=" + c.origin() + " detail=" + c.detail() + " matches="
                        + Arrays.equals(c.password(), expected) + " notes=" + c.notes());
            }
        }
    }
}
