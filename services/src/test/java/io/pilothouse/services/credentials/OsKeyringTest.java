package io.pilothouse.services.credentials;

import com.github.javakeyring.BackendNotSupportedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class OsKeyringTest {

    private static final CredentialRequest REQUEST = new CredentialRequest("db1", 5432, "app", "ana", null);

    @Test
    void accountIsUserAtHostColonPort() {
        assertThat(OsKeyring.account(REQUEST)).isEqualTo("ana@db1:5432");
        assertThat(OsKeyring.SERVICE).isEqualTo("pilothouse");
    }

    @Test
    void keyringOnThisMachineReportsWhyItIsUnavailableWithoutThrowing() {
        try (OsKeyring keyring = new OsKeyring()) {
            // Meaningful on a server without Secret Service (CI, this machine); skipped on a desktop with one.
            assumeFalse(keyring.isAvailable(), "a keyring backend is available here");

            CredentialAttempt attempt = keyring.attempt(REQUEST);

            assertThat(attempt.isFound()).isFalse();
            assertThat(attempt.detail()).startsWith("keyring not available: ").contains("BackendNotSupported");
            assertThat(keyring.unavailableReason()).contains(attempt.detail());
        }
    }

    @Test
    void backendNotSupportedBecomesAReason() {
        OsKeyring keyring = new OsKeyring(() -> {
            throw new BackendNotSupportedException("No available keyring backend found");
        });

        assertThat(keyring.isAvailable()).isFalse();
        assertThat(keyring.attempt(REQUEST).detail())
                .isEqualTo("keyring not available: BackendNotSupportedException: No available keyring backend found");
    }

    @Test
    void nativeLibraryFailureIsCaughtToo() {
        OsKeyring keyring = new OsKeyring(() -> {
            throw new UnsatisfiedLinkError("libsecret missing");
        });

        assertThatCode(() -> keyring.attempt(REQUEST)).doesNotThrowAnyException();
        assertThat(keyring.attempt(REQUEST).detail()).contains("keyring not available").contains("libsecret missing");
    }

    @Test
    void backendIsOpenedOnlyOnce() {
        int[] opens = {0};
        OsKeyring keyring = new OsKeyring(() -> {
            opens[0]++;
            throw new BackendNotSupportedException("none");
        });

        keyring.attempt(REQUEST);
        keyring.attempt(REQUEST);
        keyring.isAvailable();

        assertThat(opens[0]).isEqualTo(1);
    }

    @Test
    void storingWithoutAKeyringFailsWithTheReasonAndNotThePassword() {
        OsKeyring keyring = new OsKeyring(() -> {
            throw new BackendNotSupportedException("No available keyring backend found");
        });

        assertThatThrownBy(() -> keyring.store(REQUEST, "s3cret".toCharArray()))
                .isInstanceOf(CredentialStoreException.class)
                .hasMessageContaining("keyring not available")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> keyring.delete(REQUEST)).isInstanceOf(CredentialStoreException.class);
    }
}
