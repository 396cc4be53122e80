package io.pilothouse.services.hosts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How an SSH shell logs in and which host keys it trusts.
 *
 * @param knownHosts     known_hosts files, read in order; a host key must be in one of them (the user's
 *                       {@code ~/.ssh/known_hosts} by default, plus any file the caller adds)
 * @param identities     private key files tried in order when they exist ({@code ~/.ssh/id_ed25519},
 *                       {@code id_ecdsa}, {@code id_rsa} by default)
 * @param agentSocket    the ssh-agent socket ({@code SSH_AUTH_SOCK}), or empty for no agent
 * @param passphrases    asks for the passphrase of an encrypted key, or {@link PassphrasePrompt#NONE}
 * @param connectTimeout how long to wait for the TCP connection and the key exchange
 * @param authTimeout    how long to wait for the server to accept or refuse the keys
 * @param openSshConfig  OpenSSH's client configuration, read for a destination's Host alias ({@code ~/.ssh/config}
 *                       by default; see {@link SshDestination})
 */
public record SshSettings(List<Path> knownHosts, List<Path> identities, Optional<Path> agentSocket,
                          PassphrasePrompt passphrases, Duration connectTimeout, Duration authTimeout,
                          Optional<Path> openSshConfig) {

    public SshSettings {
        knownHosts = List.copyOf(knownHosts);
        identities = List.copyOf(identities);
    }

    /** The user's OpenSSH files and agent, no passphrase prompt, 10 s to connect and 15 s to log in. */
    public static SshSettings defaults() {
        Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
        Optional<Path> agent = Optional.ofNullable(System.getenv("SSH_AUTH_SOCK"))
                .filter(s -> !s.isBlank()).map(Path::of);
        return new SshSettings(List.of(ssh.resolve("known_hosts")),
                List.of(ssh.resolve("id_ed25519"), ssh.resolve("id_ecdsa"), ssh.resolve("id_rsa")),
                agent, PassphrasePrompt.NONE, Duration.ofSeconds(10), Duration.ofSeconds(15),
                Optional.of(ssh.resolve("config")));
    }

    /** The defaults plus the workspace's own known_hosts file ({@code ssh.knownHosts}) when it names one. */
    public static SshSettings forWorkspace(io.pilothouse.services.workspace.Workspace workspace) {
        SshSettings settings = defaults();
        if (workspace.ssh() != null && workspace.ssh().knownHosts() != null) {
            settings = settings.withKnownHostsFile(Path.of(workspace.ssh().knownHosts()));
        }
        return settings;
    }

    /** These settings trusting also the host keys in {@code file} (a workspace's own known_hosts). */
    public SshSettings withKnownHostsFile(Path file) {
        List<Path> files = new ArrayList<>(knownHosts);
        files.add(file);
        return new SshSettings(files, identities, agentSocket, passphrases, connectTimeout, authTimeout, openSshConfig);
    }

    /** These settings logging in with exactly these key files and no agent. */
    public SshSettings withIdentities(List<Path> files) {
        return new SshSettings(knownHosts, files, Optional.empty(), passphrases, connectTimeout, authTimeout,
                openSshConfig);
    }

    /** These settings trying these key files in order, then the agent's keys. */
    public SshSettings withIdentitiesAndAgent(List<Path> files) {
        return new SshSettings(knownHosts, files, agentSocket, passphrases, connectTimeout, authTimeout,
                openSshConfig);
    }

    /** These settings reading Host aliases from {@code file} (none when empty). */
    public SshSettings withOpenSshConfig(Optional<Path> file) {
        return new SshSettings(knownHosts, identities, agentSocket, passphrases, connectTimeout, authTimeout, file);
    }

    /** These settings trusting exactly the host keys in these files. */
    public SshSettings withKnownHostsFiles(List<Path> files) {
        return new SshSettings(files, identities, agentSocket, passphrases, connectTimeout, authTimeout, openSshConfig);
    }

    public SshSettings withPassphrases(PassphrasePrompt prompt) {
        return new SshSettings(knownHosts, identities, agentSocket, prompt, connectTimeout, authTimeout, openSshConfig);
    }

    public SshSettings withTimeouts(Duration connect, Duration auth) {
        return new SshSettings(knownHosts, identities, agentSocket, passphrases, connect, auth, openSshConfig);
    }
}
