package io.pilothouse.services.hosts;

import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Accepts a server's host key only when a known_hosts file lists it for that host and port, as OpenSSH's
 * {@code StrictHostKeyChecking yes} does: an unknown key is refused with its fingerprint and the commands that
 * trust it; a key that differs from the one on record is refused loudly; a {@code @revoked} key is refused.
 * Never trusts a key on first use. The refusal is kept for {@link #refusal()} because the SSH library only
 * reports "key did not validate".
 */
final class KnownHostsVerifier implements ServerKeyVerifier {

    private final SshTarget target;
    private final List<Path> files;
    private final List<KnownHostEntry> entries = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();
    private volatile String refusal;
    private volatile PublicKey unknownKey;

    KnownHostsVerifier(SshTarget target, List<Path> files) {
        this.target = target;
        this.files = List.copyOf(files);
        for (Path file : files) {
            if (!Files.exists(file)) {
                continue;
            }
            try {
                for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(file)) {
                    if (entry.isHostMatch(target.host(), target.port())) {
                        entries.add(entry);
                    }
                }
            } catch (IOException | RuntimeException e) {
                unreadable.add(file + " (" + e.getMessage() + ")");
            }
        }
    }

    /** The key types on record for this host, so the client asks the server for one of those first. */
    Set<String> knownKeyTypes() {
        Set<String> types = new LinkedHashSet<>();
        for (KnownHostEntry entry : entries) {
            if (entry.getKeyEntry() != null && !"revoked".equals(entry.getMarker())) {
                types.add(entry.getKeyEntry().getKeyType());
            }
        }
        return types;
    }

    /** Why the last key was refused, or null when none was. */
    String refusal() {
        return refusal;
    }

    /** The refusal as an exception: {@link UnknownHostKeyException} when the key was unknown (not changed). */
    HostCommandException refusalException() {
        return unknownKey != null ? new UnknownHostKeyException(refusal, target, unknownKey)
                : new HostCommandException(refusal);
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey serverKey) {
        String type = KeyUtils.getKeyType(serverKey);
        String fingerprint = KeyUtils.getFingerPrint(serverKey);
        boolean sameTypeDiffers = false;
        for (KnownHostEntry entry : entries) {
            PublicKey known = resolve(entry);
            if (known == null || !KeyUtils.compareKeys(known, serverKey)) {
                sameTypeDiffers |= known != null && type.equals(KeyUtils.getKeyType(known))
                        && !"revoked".equals(entry.getMarker());
                continue;
            }
            if ("revoked".equals(entry.getMarker())) {
                refusal = "the host key of " + where() + " (" + type + " " + fingerprint + ") is marked @revoked in "
                        + "known_hosts: refusing to connect; ask the host's administrator for its new key";
                return false;
            }
            return !"cert-authority".equals(entry.getMarker()) || refuseCertAuthority(type, fingerprint);
        }
        refusal = sameTypeDiffers ? changed(type, fingerprint) : unknown(type, fingerprint);
        unknownKey = sameTypeDiffers ? null : serverKey;
        return false;
    }

    private boolean refuseCertAuthority(String type, String fingerprint) {
        refusal = "known_hosts lists " + type + " " + fingerprint + " for " + where()
                + " only as a @cert-authority; host certificates are not supported: add the plain host key";
        return false;
    }

    private String changed(String type, String fingerprint) {
        return "WARNING: the host key of " + where() + " has CHANGED: it now offers " + type + " " + fingerprint
                + ", which is not the key recorded in " + fileNames() + ". This may be an attack (someone in "
                + "the middle) or a reinstalled host. Refusing to connect. If the host's administrator confirms "
                + "the new key, remove the old one with: ssh-keygen -R " + ShellQuoting.quote(target.knownHostsName())
                + " and trust the new one as for an unknown host";
    }

    private String unknown(String type, String fingerprint) {
        String keyType = keyscanType(type);
        String unread = unreadable.isEmpty() ? "" : " (could not read " + String.join(", ", unreadable) + ")";
        return "the host key of " + where() + " is not known: " + type + " " + fingerprint + " is in none of "
                + fileNames() + unread + ". Compare that fingerprint with the one the host's administrator gives "
                + "(ssh-keygen -lf /etc/ssh/ssh_host_" + keyType + "_key.pub on the host), then trust it with: "
                + "ssh-keyscan -p " + target.port() + " -t " + keyType + " " + target.host() + " >> "
                + files.get(0) + "  (or log in once with: ssh -p " + target.port() + " " + target.user() + "@"
                + target.host() + " and answer yes)";
    }

    private String where() {
        return target.host() + ":" + target.port();
    }

    private String fileNames() {
        return files.isEmpty() ? "(no known_hosts file)" : String.join(", ", files.stream().map(Path::toString).toList());
    }

    /** {@code ssh-keyscan -t} and host-key file names use ed25519, ecdsa, rsa. */
    private static String keyscanType(String sshType) {
        if (sshType.contains("ed25519")) {
            return "ed25519";
        }
        if (sshType.startsWith("ecdsa")) {
            return "ecdsa";
        }
        return sshType.contains("rsa") ? "rsa" : sshType;
    }

    private static PublicKey resolve(KnownHostEntry entry) {
        try {
            return entry.getKeyEntry() == null ? null
                    : entry.getKeyEntry().resolvePublicKey(null, java.util.Map.of(), PublicKeyEntryResolver.IGNORING);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }
}
