package io.pilothouse.services.credentials;

import com.github.javakeyring.BackendNotSupportedException;
import io.pilothouse.services.platform.OsFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialResolverTest {

    @TempDir
    Path home;

    private static final CredentialRequest REQUEST = new CredentialRequest("db1", 5432, "app", "ana", null);

    private final OsKeyring noKeyring = new OsKeyring(() -> {
        throw new BackendNotSupportedException("No available keyring backend found");
    });

    private PgPassLookup pgpass() {
        return new PgPassLookup(Map.of(), home, OsFamily.LINUX);
    }

    private void writePgpass(String content, String mode) throws Exception {
        Path file = home.resolve(".pgpass");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void pgpassComesFirstAndThePromptIsNotAsked() throws Exception {
        writePgpass("db1:5432:app:ana:from-pgpass\n", "rw-------");
        List<CredentialRequest> asked = new ArrayList<>();
        CredentialResolver resolver = CredentialResolver.standard(pgpass(), noKeyring, (r, reasons) -> {
            asked.add(r);
            return Optional.of("typed".toCharArray());
        });

        try (Credential c = resolver.resolve(REQUEST)) {
            assertThat(c.origin()).isEqualTo(CredentialOrigin.PGPASS);
            assertThat(new String(c.password())).isEqualTo("from-pgpass");
            assertThat(c.user()).isEqualTo("ana");
            assertThat(c.detail()).isEqualTo(home.resolve(".pgpass") + " line 1");
            assertThat(c.notes()).isEmpty();
        }
        assertThat(asked).isEmpty();
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void promptIsAskedWithTheReasonsWhenPgpassIsInsecureAndNoKeyring() throws Exception {
        writePgpass("*:*:*:*:ignored\n", "rw-rw-r--");
        List<String> shownReasons = new ArrayList<>();
        CredentialResolver resolver = CredentialResolver.standard(pgpass(), noKeyring, (r, reasons) -> {
            shownReasons.addAll(reasons);
            return Optional.of("typed".toCharArray());
        });

        Credential c = resolver.resolve(REQUEST);

        assertThat(c.origin()).isEqualTo(CredentialOrigin.PROMPT);
        assertThat(new String(c.password())).isEqualTo("typed");
        assertThat(shownReasons).hasSize(2);
        assertThat(shownReasons.get(0)).startsWith("pgpass: ").contains("chmod 600");
        assertThat(shownReasons.get(1)).startsWith("keyring: keyring not available: ");
        assertThat(c.notes()).isEqualTo(shownReasons);
    }

    @Test
    void nonInteractiveWithNothingFoundGivesNoPasswordAndSaysWhy() {
        CredentialResolver resolver = CredentialResolver.standard(pgpass(), noKeyring, PasswordPrompt.NON_INTERACTIVE);

        Credential c = resolver.resolve(REQUEST);

        assertThat(c.origin()).isEqualTo(CredentialOrigin.NONE);
        assertThat(c.hasPassword()).isFalse();
        assertThat(c.password()).isEmpty();
        assertThat(c.notes()).containsExactly(
                "pgpass: no pgpass file at " + home.resolve(".pgpass") + " (the default ~/.pgpass)",
                "keyring: keyring not available: BackendNotSupportedException: No available keyring backend found",
                "prompt: no password entered (not interactive)");
    }

    @Test
    void keyringIsTriedBeforeThePrompt() {
        CredentialSource keyringWithEntry = new CredentialSource() {
            @Override
            public String name() {
                return "keyring";
            }

            @Override
            public CredentialAttempt attempt(CredentialRequest request) {
                return CredentialAttempt.found("from-keyring".toCharArray(), CredentialOrigin.KEYRING,
                        "keyring pilothouse/" + OsKeyring.account(request));
            }
        };
        CredentialResolver resolver = new CredentialResolver(List.of(pgpass(), keyringWithEntry), (r, reasons) -> {
            throw new AssertionError("must not ask");
        });

        Credential c = resolver.resolve(REQUEST);

        assertThat(c.origin()).isEqualTo(CredentialOrigin.KEYRING);
        assertThat(new String(c.password())).isEqualTo("from-keyring");
        assertThat(c.detail()).isEqualTo("keyring pilothouse/ana@db1:5432");
        assertThat(c.notes()).singleElement().asString().startsWith("pgpass: no pgpass file");
    }

    @Test
    void aSourceThatThrowsBecomesANoteAndTheChainGoesOn() {
        CredentialSource broken = new CredentialSource() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public CredentialAttempt attempt(CredentialRequest request) {
                throw new IllegalStateException("boom");
            }
        };
        CredentialResolver resolver = new CredentialResolver(List.of(broken),
                (r, reasons) -> Optional.of("typed".toCharArray()));

        Credential c = resolver.resolve(REQUEST);

        assertThat(c.origin()).isEqualTo(CredentialOrigin.PROMPT);
        assertThat(c.notes()).containsExactly("broken: broken failed: IllegalStateException: boom");
    }

    @Test
    void cancelledPromptGivesNoPassword() {
        CredentialResolver resolver = new CredentialResolver(List.of(), (r, reasons) -> Optional.empty());

        Credential c = resolver.resolve(REQUEST);

        assertThat(c.origin()).isEqualTo(CredentialOrigin.NONE);
        assertThat(c.notes()).containsExactly("prompt: no password entered");
    }

    @Test
    void credentialNeverPrintsItsPasswordAndCloseWipesIt() {
        Credential c = new Credential("ana", "s3cret".toCharArray(), CredentialOrigin.PROMPT, "typed", List.of());

        assertThat(c.toString()).doesNotContain("s3cret").contains("<redacted>").contains("PROMPT");
        c.close();
        assertThat(c.password()).containsOnly('\0');
    }
}
