package io.pilothouse.services.hosts;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;

/**
 * The host offered a key that no known_hosts file lists (not a changed key: that is a plain refusal). The caller may
 * show {@link #fingerprint()} to the user and, only when the user says yes, {@link #trust(Path)} it and connect
 * again; nothing is trusted by itself.
 */
public final class UnknownHostKeyException extends HostCommandException {

    private final SshTarget target;
    private final transient PublicKey key;

    UnknownHostKeyException(String message, SshTarget target, PublicKey key) {
        super(message);
        this.target = target;
        this.key = key;
    }

    public SshTarget target() {
        return target;
    }

    /** The key's type and SHA-256 fingerprint, as {@code ssh-keygen -lf} prints them: {@code ssh-ed25519 SHA256:...}. */
    public String fingerprint() {
        return KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key);
    }

    /**
     * Appends the key to {@code knownHosts} for this host and port (the line {@code ssh-keyscan} would write),
     * creating the file (0600) and its directory (0700) when absent.
     */
    public void trust(Path knownHosts) throws IOException {
        Path dir = knownHosts.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        if (!Files.exists(knownHosts)) {
            Files.createFile(knownHosts, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        String line = target.knownHostsName() + " " + PublicKeyEntry.toString(key) + "\n";
        String existing = Files.readString(knownHosts);
        String separator = existing.isEmpty() || existing.endsWith("\n") ? "" : "\n";
        Files.writeString(knownHosts, separator + line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
