package io.pilothouse.services.hosts;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.signature.Signature;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Connects and logs in to an SSH target, turning each way it can fail into one sentence that says what to do:
 * host unreachable, no answer in time, host key unknown or changed, no key to offer, keys refused.
 */
final class SshLogin {

    interface ShellFactory {
        SshShell create(SshTarget target, SshClient client, ClientSession session);
    }

    private SshLogin() {
    }

    static SshShell open(SshTarget target, SshSettings settings, ShellFactory shells) throws HostCommandException {
        KnownHostsVerifier verifier = new KnownHostsVerifier(target, settings.knownHosts());
        UserKeys keys = UserKeys.load(settings.identities(), settings.passphrases());
        Optional<Path> agent = settings.agentSocket().filter(AgentSocket::reachable);
        if (keys.keys().isEmpty() && agent.isEmpty()) {
            throw new HostCommandException("no SSH key to log in to " + target + " with: " + noKeys(settings, keys));
        }
        SshClient client = SshShell.newClient(verifier);
        agent.ifPresent(socket -> client.setAgentFactory(AgentSocket.factory(socket)));
        preferKnownKeyTypes(client, verifier.knownKeyTypes());
        client.start();
        ClientSession session = null;
        try {
            session = client.connect(target.user(), target.host(), target.port())
                    .verify(settings.connectTimeout()).getSession();
            for (KeyPair key : keys.keys()) {
                session.addPublicKeyIdentity(key);
            }
            session.auth().verify(settings.authTimeout());
            return shells.create(target, client, session);
        } catch (IOException | RuntimeException e) {
            if (session != null) {
                session.close(true);
            }
            client.stop();
            if (verifier.refusal() != null) {
                throw verifier.refusalException();
            }
            throw new HostCommandException(explain(target, settings, keys, agent, e), e);
        }
    }

    private static String explain(SshTarget target, SshSettings settings, UserKeys keys, Optional<Path> agent,
                                  Exception e) {
        String where = target.host() + ":" + target.port();
        Throwable root = rootCause(e);
        if (root instanceof ConnectException) {
            return "could not connect to " + where + " (" + root.getMessage() + "): check that sshd runs there and "
                    + "listens on port " + target.port();
        }
        if (root instanceof UnknownHostException) {
            return "the host name " + target.host() + " is not known (DNS or /etc/hosts): check its spelling";
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("No more authentication methods") || message.contains("authentication")) {
            List<String> tried = new ArrayList<>(keys.offered());
            agent.ifPresent(socket -> tried.add("the keys in ssh-agent (" + socket + ")"));
            String notes = keys.notes().isEmpty() ? "" : "; not tried: " + String.join("; ", keys.notes());
            return target + " refused the keys offered (" + String.join(", ", tried) + ")" + notes + ": add one "
                    + "of their public keys to ~" + target.user() + "/.ssh/authorized_keys on " + target.host()
                    + " (ssh-copy-id -i KEY.pub -p " + target.port() + " " + target.user() + "@" + target.host() + ")";
        }
        if (message.contains("timeout") || message.contains("timed out")) {
            return "no answer from " + where + " within " + settings.connectTimeout().toSeconds() + " s to connect or "
                    + settings.authTimeout().toSeconds() + " s to log in: check the address, the port and any "
                    + "firewall between";
        }
        return "could not log in to " + target + ": " + message;
    }

    private static String noKeys(SshSettings settings, UserKeys keys) {
        if (!keys.notes().isEmpty()) {
            return String.join("; ", keys.notes());
        }
        String files = String.join(", ", settings.identities().stream().map(Path::toString).toList());
        return "none of " + files + " exists and no ssh-agent answers (SSH_AUTH_SOCK); create a key with "
                + "ssh-keygen -t ed25519 and add its .pub to the user's ~/.ssh/authorized_keys on the host";
    }

    /**
     * Asks the server for a host key of a type known_hosts already holds first, as OpenSSH does; otherwise a host
     * known by its ECDSA key would be refused as unknown when the server offers Ed25519 first.
     */
    private static void preferKnownKeyTypes(SshClient client, Set<String> knownTypes) {
        if (knownTypes.isEmpty()) {
            return;
        }
        List<NamedFactory<Signature>> first = new ArrayList<>();
        List<NamedFactory<Signature>> rest = new ArrayList<>();
        for (NamedFactory<Signature> factory : client.getSignatureFactories()) {
            (knownTypes.stream().anyMatch(type -> signs(factory.getName(), type)) ? first : rest).add(factory);
        }
        first.addAll(rest);
        client.setSignatureFactories(first);
    }

    private static boolean signs(String algorithm, String keyType) {
        return algorithm.equals(keyType) || ("ssh-rsa".equals(keyType) && algorithm.startsWith("rsa-sha2-"));
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
