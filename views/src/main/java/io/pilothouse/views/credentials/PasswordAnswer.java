package io.pilothouse.views.credentials;

/**
 * What the user typed in the password dialog.
 *
 * @param password the password (the caller owns and wipes it); never printed
 * @param remember true when the user asked to keep it in the system keyring
 */
public record PasswordAnswer(char[] password, boolean remember) {

    @Override
    public String toString() {
        return "PasswordAnswer[password=<redacted>, remember=" + remember + "]";
    }
}
