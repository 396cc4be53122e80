package io.pilothouse.app.cli;

import io.pilothouse.services.credentials.CredentialRequest;
import io.pilothouse.services.credentials.CredentialStoreException;
import io.pilothouse.services.credentials.KeyringEntries;
import io.pilothouse.services.credentials.MissingPassword;
import io.pilothouse.services.credentials.OsKeyring;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * {@code pilothouse credentials set|forget|list}: the connection passwords kept in the system keyring (Secret
 * Service, macOS Keychain, Windows Credential Manager) under service {@value OsKeyring#SERVICE}, account
 * {@code user@host:port}. A password is read from the terminal without echo or, with {@code --password-stdin}, from
 * standard input; never from an argument (arguments are visible to every user in the process list). Without a
 * keyring each command fails with the reason and the pgpass line to use instead; nothing is written elsewhere.
 */
@Command(name = "credentials", mixinStandardHelpOptions = true,
        description = "Manage the passwords Pilothouse keeps in the system keyring.")
public final class CredentialsCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Which login: host, port, user. */
    static final class Login {
        @Option(names = "--host", required = true, description = "Host name or address, as in the workspace.")
        String host;

        @Option(names = "--port", required = true, converter = NumericOptions.Port.class,
                description = "PostgreSQL port (or Patroni REST port).")
        int port;

        @Option(names = "--user", required = true, description = "Role name (or Patroni REST user).")
        String user;

        CredentialRequest request() {
            return KeyringEntries.request(host, port, user);
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Store (or replace) a password in the system keyring; it is read from the terminal "
                    + "without echo, or from standard input with --password-stdin.")
    int set(@picocli.CommandLine.Mixin Login login,
            @Option(names = "--password-stdin", description = "Read the password from standard input (first line).")
            boolean fromStdin) {
        CredentialRequest request = login.request();
        char[] password = fromStdin ? firstLine(System.in) : fromTerminal(request);
        try (OsKeyring keyring = new OsKeyring()) {
            String account = new KeyringEntries(keyring).set(request, password);
            spec.commandLine().getOut().println("stored: " + OsKeyring.SERVICE + "/" + account);
            return 0;
        } catch (CredentialStoreException e) {
            throw noKeyring(e, request);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @Command(name = "forget", mixinStandardHelpOptions = true,
            description = "Remove a password from the system keyring.")
    int forget(@picocli.CommandLine.Mixin Login login) {
        CredentialRequest request = login.request();
        try (OsKeyring keyring = new OsKeyring()) {
            boolean removed = new KeyringEntries(keyring).forget(request);
            spec.commandLine().getOut().println((removed ? "removed: " : "nothing to remove: ") + OsKeyring.SERVICE
                    + "/" + OsKeyring.account(request));
            return 0;
        } catch (CredentialStoreException e) {
            throw noKeyring(e, request);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the logins that have a password in the system keyring (never the passwords).")
    int list() {
        try (OsKeyring keyring = new OsKeyring()) {
            List<String> accounts = new KeyringEntries(keyring).list();
            PrintWriter out = spec.commandLine().getOut();
            if (accounts.isEmpty()) {
                out.println("no password stored in the system keyring (service " + OsKeyring.SERVICE + ")");
            }
            accounts.forEach(a -> out.println(OsKeyring.SERVICE + "/" + a));
            return 0;
        } catch (CredentialStoreException e) {
            throw noKeyring(e, null);
        }
    }

    private char[] fromTerminal(CredentialRequest request) {
        Console console = System.console();
        if (console == null) {
            throw new UserException("no terminal to read the password from: pipe it in with --password-stdin "
                    + "(e.g. from a password manager), never as an argument", 2);
        }
        char[] typed = console.readPassword("%s", "Password for " + OsKeyring.account(request) + ": ");
        if (typed == null || typed.length == 0) {
            throw new UserException("no password typed; nothing stored", 2);
        }
        return typed;
    }

    /** The first line of {@code in} (without its line end), decoded as UTF-8 without a String in between. */
    static char[] firstLine(InputStream in) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                bytes.write(b);
            }
        } catch (IOException e) {
            throw new UserException("cannot read the password from standard input: " + e.getMessage());
        }
        byte[] raw = bytes.toByteArray();
        int n = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(raw, 0, n));
        char[] password = Arrays.copyOf(chars.array(), chars.limit());
        Arrays.fill(raw, (byte) 0);
        Arrays.fill(chars.array(), '\0');
        if (password.length == 0) {
            throw new UserException("standard input held no password; nothing stored", 2);
        }
        return password;
    }

    private static UserException noKeyring(CredentialStoreException e, CredentialRequest request) {
        String instead = request == null ? "" : "; instead, add the line " + MissingPassword.pgpassLine(request)
                + " to your pgpass file (chmod 600)";
        String message = e.getMessage();
        if (message.startsWith("keyring not available")) {
            message = "the system keyring is not available (" + message.substring("keyring not available".length())
                    .replaceFirst("^: ", "") + "): a Secret Service (gnome-keyring, KWallet) on the session's "
                    + "D-Bus is needed; nothing was stored or read anywhere else" + instead;
        }
        return new UserException(message);
    }
}
