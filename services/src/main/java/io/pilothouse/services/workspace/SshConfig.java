package io.pilothouse.services.workspace;

import java.nio.file.Path;
import java.util.List;

/**
 * SSH settings under the workspace's optional top-level {@code ssh:} key, for operations that run commands on remote
 * hosts (the replica wizard's {@code --ssh}).
 *
 * <pre>
 * ssh:
 *   knownHosts: /etc/pilothouse/known_hosts   # host keys trusted besides ~/.ssh/known_hosts
 * </pre>
 *
 * @param knownHosts an absolute path to a known_hosts file whose keys are trusted as well as the user's own, or null
 */
public record SshConfig(String knownHosts) {

    /** What is wrong with these settings, each a sentence naming the key; empty when nothing is. */
    List<String> problems() {
        if (knownHosts != null && (knownHosts.isBlank() || !Path.of(knownHosts).isAbsolute())) {
            return List.of("ssh.knownHosts '" + knownHosts + "' is not an absolute path; write the full path of a "
                    + "known_hosts file (e.g. /etc/pilothouse/known_hosts)");
        }
        return List.of();
    }
}
