package io.pilothouse.services.hosts;

import java.nio.file.Path;
import java.util.Optional;

/** Asks the user for the passphrase of an encrypted private key; the terminal or a dialog implements it. */
@FunctionalInterface
public interface PassphrasePrompt {

    /** Nobody to ask: encrypted keys are skipped, and the error says how to use them (ssh-agent). */
    PassphrasePrompt NONE = keyFile -> Optional.empty();

    /** The passphrase of {@code keyFile}, or empty when the user gave none. The caller wipes the array. */
    Optional<char[]> ask(Path keyFile);
}
