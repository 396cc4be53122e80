package io.pilothouse.services.hosts;

import org.apache.sshd.client.config.hosts.HostConfigEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An SSH destination as OpenSSH's {@code ssh} reads it: {@code [user@]host[:port]}, where {@code host} may be a
 * {@code Host} of the user's {@code ~/.ssh/config}, whose {@code HostName}, {@code User}, {@code Port} and
 * {@code IdentityFile} then apply (values given in the destination win). Without a user in either, the login is the
 * local user's, as with {@code ssh}. What Pilothouse cannot honour is refused in words rather than ignored: a jump
 * host ({@code ProxyJump}, {@code ProxyCommand}) or a {@code HostKeyAlias}.
 *
 * @param target     where the login goes, after the config file
 * @param identities key files the config names for this host, tried before the usual ones
 * @param written    the destination as the user wrote it
 * @param config     the config file that changed it, or empty when it did not
 */
public record SshDestination(SshTarget target, List<Path> identities, String written, Optional<Path> config) {

    public SshDestination {
        identities = List.copyOf(identities);
    }

    /**
     * @param destination {@code [user@]host[:port]} (IPv6 in brackets)
     * @param configFile  OpenSSH's client configuration to read, when it exists
     * @throws IllegalArgumentException with a one-line message saying what is wrong and what to do
     */
    public static SshDestination resolve(String destination, Optional<Path> configFile) {
        String text = destination == null ? "" : destination.strip();
        int at = text.lastIndexOf('@');
        String user = at < 0 ? null : text.substring(0, at);
        String hostPart = text.substring(at + 1);
        // SshTarget validates the host and port (and a given user); the placeholder user is never used.
        SshTarget written = SshTarget.parse((user == null ? "nobody" : user) + "@" + hostPart);
        boolean portGiven = hostPart.startsWith("[") ? hostPart.contains("]:") : hostPart.contains(":");
        List<HostConfigEntry> entries = read(configFile);
        HostConfigEntry entry = effective(entries, written.host(), portGiven ? written.port() : 0, user);
        if (entry == null) {
            return new SshDestination(new SshTarget(user == null ? localUser() : user, written.host(),
                    written.port()), List.of(), text, Optional.empty());
        }
        String where = configFile.map(Path::toString).orElse("~/.ssh/config");
        refuse(entry.getProxyJump(), "ProxyJump", written.host(), where);
        refuse(entry.getProperty("ProxyCommand"), "ProxyCommand", written.host(), where);
        refuse(entry.getProperty("HostKeyAlias"), "HostKeyAlias", written.host(), where);
        SshTarget target;
        try {
            target = new SshTarget(entry.getUsername(), entry.getHostName(),
                    entry.getPort() > 0 ? entry.getPort() : SshTarget.DEFAULT_PORT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " gives " + written.host() + " " + e.getMessage());
        }
        List<Path> keys = entry.getIdentities() == null ? List.of()
                : entry.getIdentities().stream().map(Path::of).toList();
        boolean changed = !target.host().equals(written.host()) || target.port() != written.port() || user == null
                || !keys.isEmpty();
        return new SshDestination(target, keys, text, changed ? configFile : Optional.empty());
    }

    /** {@code user@host:port}, and where it came from when the config file changed it. */
    public String describe() {
        return config.map(c -> target + " (" + written + " in " + c + ")").orElse(target.toString());
    }

    /** {@code settings} trying this host's configured keys first. */
    public SshSettings applyTo(SshSettings settings) {
        if (identities.isEmpty()) {
            return settings;
        }
        List<Path> keys = new ArrayList<>(identities);
        settings.identities().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
        return settings.withIdentitiesAndAgent(keys);
    }

    private static List<HostConfigEntry> read(Optional<Path> configFile) {
        if (configFile.isEmpty() || !Files.isRegularFile(configFile.get())) {
            return List.of();
        }
        try {
            return HostConfigEntry.readHostConfigEntries(configFile.get());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + configFile.get() + ": " + e.getMessage()
                    + "; fix the file (ssh -G HOST shows how OpenSSH reads it) or write user@host:port");
        }
    }

    private static HostConfigEntry effective(List<HostConfigEntry> entries, String host, int port, String user) {
        if (entries.isEmpty() || HostConfigEntry.findMatchingEntries(host, entries).isEmpty()) {
            return null;
        }
        try {
            return HostConfigEntry.toHostConfigEntryResolver(entries)
                    .resolveEffectiveHost(host, port, null, user, null, null);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot apply ~/.ssh/config to " + host + ": " + e.getMessage());
        }
    }

    private static void refuse(String value, String keyword, String host, String where) {
        if (value != null && !value.isBlank() && !"none".equalsIgnoreCase(value.strip())) {
            throw new IllegalArgumentException(where + " sets " + keyword + " for " + host + ", which Pilothouse "
                    + "does not follow; give a destination it reaches directly (user@address:port)");
        }
    }

    private static String localUser() {
        return System.getProperty("user.name");
    }
}
