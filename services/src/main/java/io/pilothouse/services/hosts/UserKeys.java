package io.pilothouse.services.hosts;

import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.io.resource.PathResource;
import org.apache.sshd.common.util.security.SecurityUtils;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The private keys an SSH shell offers, read from the user's key files. An encrypted key is opened with a
 * passphrase from the {@link PassphrasePrompt}; without one it is skipped and {@link #notes()} says so, so a failed
 * login can say which keys were never tried and why.
 */
final class UserKeys {

    private final List<KeyPair> keys = new ArrayList<>();
    private final List<String> offered = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private UserKeys() {
    }

    static UserKeys load(List<Path> files, PassphrasePrompt prompt) {
        UserKeys loaded = new UserKeys();
        for (Path file : files) {
            if (Files.isReadable(file)) {
                loaded.read(file, prompt);
            }
        }
        return loaded;
    }

    List<KeyPair> keys() {
        return keys;
    }

    /** The files whose keys are offered, each with its fingerprint. */
    List<String> offered() {
        return offered;
    }

    /** Keys found but not usable, each with the reason. */
    List<String> notes() {
        return notes;
    }

    private void read(Path file, PassphrasePrompt prompt) {
        AskOnce passwords = new AskOnce(file, prompt);
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, new PathResource(file), in, passwords);
            if (pairs == null) {
                notes.add(file + ": no private key found in it");
                return;
            }
            for (KeyPair pair : pairs) {
                keys.add(pair);
                offered.add(file + " (" + KeyUtils.getFingerPrint(pair.getPublic()) + ")");
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            notes.add(passwords.asked && !passwords.answered
                    ? file + " is encrypted and no passphrase was given: load it into ssh-agent (ssh-add " + file
                      + ") or run from a terminal that can ask for it"
                    : passwords.answered ? file + " could not be opened with the passphrase given (" + e.getMessage() + ")"
                      : file + " could not be read (" + e.getMessage() + ")");
        }
    }

    /** Asks for the passphrase of one file at most once; MINA calls it while decoding. */
    private static final class AskOnce implements FilePasswordProvider {
        private final Path file;
        private final PassphrasePrompt prompt;
        private boolean asked;
        private boolean answered;

        AskOnce(Path file, PassphrasePrompt prompt) {
            this.file = file;
            this.prompt = prompt;
        }

        @Override
        public String getPassword(org.apache.sshd.common.session.SessionContext session,
                                  org.apache.sshd.common.NamedResource resource, int retryIndex) {
            if (asked) {
                return null;
            }
            asked = true;
            Optional<char[]> typed = prompt.ask(file);
            if (typed.isEmpty()) {
                return null;
            }
            answered = true;
            char[] chars = typed.get();
            // MINA takes a String; the char[] at least does not outlive this call.
            String passphrase = new String(chars);
            Arrays.fill(chars, '\0');
            return passphrase;
        }
    }
}
