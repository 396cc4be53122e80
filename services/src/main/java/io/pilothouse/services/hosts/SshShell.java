package io.pilothouse.services.hosts;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Runs commands on a remote host over SSH (Apache MINA SSHD), logged in with the user's keys or ssh-agent, the
 * host key checked against known_hosts ({@link KnownHostsVerifier}). Each command is one exec request whose text
 * is the argument vector quoted by {@link ShellQuoting#render} (what previews and audit records show), run under
 * coreutils {@code timeout} so that a command that outlives its time is stopped on the host too, not only
 * abandoned by us.
 */
public final class SshShell implements HostShell {

    private static final Duration KILL_GRACE = Duration.ofSeconds(5);
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(60);
    /** What coreutils {@code timeout} exits with when it had to stop the command. */
    private static final int TIMED_OUT = 124;

    private final SshTarget target;
    private final SshClient client;
    private final ClientSession session;

    private SshShell(SshTarget target, SshClient client, ClientSession session) {
        this.target = target;
        this.client = client;
        this.session = session;
    }

    /**
     * Connects and logs in, or says in words why not (host unreachable, host key unknown or changed, keys refused).
     */
    public static SshShell open(SshTarget target, SshSettings settings) throws HostCommandException {
        return SshLogin.open(target, settings, SshShell::new);
    }

    @Override
    public CommandResult run(List<String> argv, Duration timeout) throws HostCommandException {
        if (argv.isEmpty()) {
            throw new HostCommandException("no command given to run on " + describe());
        }
        String shown = ShellQuoting.render(argv);
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        String line = "timeout -k " + KILL_GRACE.toSeconds() + " " + seconds + " " + shown;
        long started = System.nanoTime();
        CommandResult result = exec(line, new byte[0], Duration.ofSeconds(seconds).plus(KILL_GRACE).plusSeconds(5),
                shown);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (result.exitCode() == TIMED_OUT && took.compareTo(Duration.ofSeconds(seconds)) >= 0) {
            throw new HostCommandException(shown + " did not end within " + seconds + " s on " + describe()
                    + " and was stopped");
        }
        return result;
    }

    @Override
    public void writeFile(String path, byte[] content, int mode) throws HostCommandException {
        if (path.isEmpty() || path.indexOf('\0') >= 0) {
            throw new HostCommandException("'" + path + "' is not a file path");
        }
        int slash = path.lastIndexOf('/');
        String dir = slash < 0 ? "." : slash == 0 ? "/" : path.substring(0, slash);
        String temp = dir + "/.pilothouse-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6)) + ".tmp";
        String octal = String.format("%04o", mode & 07777);
        String umask = String.format("%04o", 0777 & ~mode);
        // The umask makes cat create the file with at most the wanted bits; set -C refuses to reuse a file someone
        // else created under that name; mv replaces the target in one step; on any failure the temp file goes.
        String script = "mkdir -p -- \"$3\" && umask " + umask + " && set -C && cat > \"$1\" && chmod " + octal
                + " \"$1\" && mv -f -- \"$1\" \"$2\" || { rm -f -- \"$1\"; exit 1; }";
        String line = "sh -c " + ShellQuoting.quote(script) + " sh " + ShellQuoting.quote(temp) + " "
                + ShellQuoting.quote(path) + " " + ShellQuoting.quote(dir);
        CommandResult result = exec(line, content, WRITE_TIMEOUT, "write " + path);
        if (!result.ok()) {
            throw new HostCommandException("could not write " + path + " on " + describe() + ": " + result.lastLine());
        }
    }

    @Override
    public String describe() {
        return "ssh " + target;
    }

    @Override
    public boolean isLocal() {
        return false;
    }

    public SshTarget target() {
        return target;
    }

    /** The host key this session checked against known_hosts: type and SHA-256 fingerprint. */
    public String hostKey() {
        java.security.PublicKey key = session.getServerKey();
        return key == null ? "unknown" : org.apache.sshd.common.config.keys.KeyUtils.getKeyType(key) + " "
                + org.apache.sshd.common.config.keys.KeyUtils.getFingerPrint(key);
    }

    @Override
    public void close() {
        try {
            session.close(true);
        } finally {
            client.stop();
        }
    }

    private CommandResult exec(String line, byte[] stdin, Duration wait, String shown) throws HostCommandException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ChannelExec channel = session.createExecChannel(line)) {
            channel.setIn(new ByteArrayInputStream(stdin));
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(OPEN_TIMEOUT);
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), wait.toMillis());
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                throw new HostCommandException(shown + " did not end within " + wait.toSeconds() + " s on "
                        + describe() + "; the connection was left and the command may still run there");
            }
            Integer status = channel.getExitStatus();
            if (status != null) {
                return new CommandResult(status, text(out), text(err));
            }
            if (channel.getExitSignal() != null) {
                return new CommandResult(128 + SignalNumbers.of(channel.getExitSignal()), text(out),
                        text(err) + (err.size() == 0 ? "" : "\n") + "killed by signal " + channel.getExitSignal());
            }
            throw lost(shown, null);
        } catch (IOException e) {
            throw lost(shown, e);
        }
    }

    private HostCommandException lost(String shown, IOException cause) {
        String why = cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")";
        return new HostCommandException("the connection to " + describe() + " was lost while running " + shown + why
                + "; it may or may not have finished there: check the host, then run it again", cause);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Builds the client with nothing implicit: no ~/.ssh/config, no default keys, public keys only. */
    static SshClient newClient(KnownHostsVerifier verifier) {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(verifier);
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        // Keep a quiet command (a long restore) from tripping the idle timeout, and notice a dead peer within
        // about a minute instead of waiting for TCP.
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, Duration.ofSeconds(15));
        CoreModuleProperties.HEARTBEAT_REPLY_WAIT.set(client, Duration.ofSeconds(10));
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, 4);
        return client;
    }
}
