package io.pilothouse.services.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The OS user the sandbox processes run as, and how to become it.
 *
 * <p>PostgreSQL refuses to run as root, and CI runs as root: then every process drops to the
 * Debian {@code postgres} user through {@code setpriv}, which execs in place so the pid a
 * {@link ProcessBuilder} reports is the real server's. Otherwise everything runs as the current
 * user. Either way {@code setsid} puts each process in its own session, so a terminal's Ctrl-C
 * or the JVM's exit does not take the sandbox down with it.
 */
final class SandboxUser {

    private static final String SETSID = "/usr/bin/setsid";
    private static final String SETPRIV = "/usr/bin/setpriv";
    private static final String UNPRIVILEGED = "postgres";

    private final String name;
    private final boolean dropsPrivileges;

    private SandboxUser(String name, boolean dropsPrivileges) {
        this.name = name;
        this.dropsPrivileges = dropsPrivileges;
    }

    /** {@code postgres} when running as root, the current user otherwise. */
    static SandboxUser detect() {
        return isRoot() ? new SandboxUser(UNPRIVILEGED, true) : new SandboxUser(System.getProperty("user.name"), false);
    }

    String name() {
        return name;
    }

    boolean dropsPrivileges() {
        return dropsPrivileges;
    }

    /** {@code command} run as this user in a session of its own. */
    List<String> detached(List<String> command) {
        List<String> full = new ArrayList<>();
        full.add(SETSID);
        full.addAll(asUser(command));
        return full;
    }

    /** {@code command} run as this user. */
    List<String> asUser(List<String> command) {
        List<String> full = new ArrayList<>();
        if (dropsPrivileges) {
            full.addAll(List.of(SETPRIV, "--reuid=" + name, "--regid=" + name, "--init-groups", "--"));
        }
        full.addAll(command);
        return full;
    }

    /** Hands {@code path} to this user; a no-op when nobody changes identity. */
    void own(Path path) {
        if (!dropsPrivileges) {
            return;
        }
        try {
            UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal user = lookup.lookupPrincipalByName(name);
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(name);
            PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
            view.setOwner(user);
            view.setGroup(group);
        } catch (IOException e) {
            throw new SandboxException("Cannot hand " + path + " to user " + name + ": " + e.getMessage()
                    + " (is the postgresql package installed?)", e);
        }
    }

    /**
     * Fails unless this user can enter and write {@code dir}. Asks the kernel, as that user,
     * instead of re-implementing permission rules (groups, ACLs, mount options).
     */
    void checkReachable(Path dir) {
        if (succeedsAsUser("-x", dir) && succeedsAsUser("-w", dir)) {
            return;
        }
        Path blocker = dir;
        for (Path ancestor = dir.getRoot(); ancestor != null; ancestor = next(ancestor, dir)) {
            if (!succeedsAsUser("-x", ancestor)) {
                blocker = ancestor;
                break;
            }
        }
        String why = blocker.equals(dir) ? "" : " (" + blocker + " is not searchable by it)";
        throw new SandboxException(dir + " is not reachable by user " + name + why
                + ": choose a directory under /tmp or /var/tmp");
    }

    private static Path next(Path ancestor, Path dir) {
        if (ancestor.equals(dir)) {
            return null;
        }
        return ancestor.resolve(ancestor.relativize(dir).getName(0));
    }

    private boolean succeedsAsUser(String testFlag, Path path) {
        if (!dropsPrivileges) {
            return testFlag.equals("-x") ? Files.isExecutable(path) : Files.isWritable(path);
        }
        try {
            Process test = new ProcessBuilder(asUser(List.of("/usr/bin/test", testFlag, path.toString())))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!test.waitFor(10, TimeUnit.SECONDS)) {
                test.destroyForcibly();
                return false;
            }
            return test.exitValue() == 0;
        } catch (IOException e) {
            throw new SandboxException("Cannot run " + SETPRIV + " to check access as user " + name + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted while checking access to " + path, e);
        }
    }

    private static boolean isRoot() {
        try {
            // /proc/self belongs to the effective uid of the reading process.
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
