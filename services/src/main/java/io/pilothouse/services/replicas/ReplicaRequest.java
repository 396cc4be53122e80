package io.pilothouse.services.replicas;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A replica to add: where (host, SSH destination, port, data directory), its name, what it streams from, its Patroni
 * tags, and which logins and OS user it uses. Validated on construction; the messages say what to change.
 *
 * @param host            the address the replica listens on and connects from (what pg_hba on the upstream sees)
 * @param ssh             {@code user@host[:port]} to run the commands over SSH, or empty for this machine
 * @param port            its PostgreSQL port
 * @param dataDir         its data directory (absolute; absent or empty)
 * @param name            its member name (Patroni) or application_name (plain)
 * @param upstream        the member it streams from (a cascade), or empty for the leader
 * @param tags            Patroni tags, e.g. {@code nofailover=true}
 * @param replicationUser the replication role
 * @param serverUser      the OS user PostgreSQL runs as when the shell's user is root
 * @param binDir          PostgreSQL's bin directory on the target, or empty for the upstream's major's Debian path
 * @param restPort        Patroni's REST port on the target (Patroni clusters)
 * @param patroniPackage  an unpacked Debian {@code patroni} package on the target (e.g. the sandbox's cached Patroni
 *                        4) to run instead of the {@code patroni} on the PATH, or empty
 */
public record ReplicaRequest(String host, Optional<String> ssh, int port, String dataDir, String name,
                             Optional<String> upstream, Map<String, String> tags, String replicationUser,
                             String serverUser, Optional<String> binDir, int restPort,
                             Optional<String> patroniPackage) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,63}");

    public ReplicaRequest {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("--host is empty; give the address the new replica listens on");
        }
        if (port < 1 || port > 65535 || restPort < 0 || restPort > 65535) {
            throw new IllegalArgumentException("port " + port + " / " + restPort + " is not a TCP port (1-65535)");
        }
        if (dataDir == null || !dataDir.startsWith("/") || java.nio.file.Path.of(dataDir).normalize().getNameCount() < 2
                || !java.nio.file.Path.of(dataDir).normalize().toString().equals(dataDir.replaceAll("/+$", ""))) {
            throw new IllegalArgumentException("--data-dir " + dataDir + " must be an absolute, normalised path at "
                    + "least two levels deep (e.g. /var/lib/postgresql/15/node4)");
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("--name " + name + " must be 1-63 letters, digits, '_', '.', ':' or '-'");
        }
        tags = Map.copyOf(tags);
    }

    /** The data directory without a trailing slash. */
    public String dataDirectory() {
        return dataDir.replaceAll("/+$", "");
    }

    /** Where the replica's own files (pgpass, log, Patroni config) go: next to its data directory. */
    public String sideFile(String suffix) {
        return dataDirectory() + "." + suffix;
    }

    /** The slot name on the upstream: the name with every character a slot may not hold turned into {@code _}. */
    public String slotName() {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    /** PostgreSQL's bin directory on the target for {@code major}. */
    public String binDirectory(int major) {
        return binDir.orElse("/usr/lib/postgresql/" + major + "/bin");
    }
}
