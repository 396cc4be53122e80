package io.pilothouse.services.credentials;

import io.pilothouse.services.platform.OsFamily;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a password in a pgpass file the way libpq does: the workspace's {@code passfile} if set, else
 * {@code PGPASSFILE}, else {@code ~/.pgpass} ({@code %APPDATA%\postgresql\pgpass.conf} on Windows). As libpq, it
 * ignores a file that is not a plain file or that has any group or world permission on POSIX, but instead of
 * printing a warning to stderr it returns the reason so the UI can tell the user to {@code chmod 600}.
 */
public final class PgPassLookup implements CredentialSource {

    private static final Logger LOG = LoggerFactory.getLogger(PgPassLookup.class);

    /** libpq's own test: any of these bits makes the file insecure, not just read access. */
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Map<String, String> env;
    private final Path home;
    private final OsFamily os;

    /**
     * @param env  environment ({@code PGPASSFILE}, {@code APPDATA} are read)
     * @param home the user's home directory
     * @param os   decides the default file name and whether permissions are checked
     */
    public PgPassLookup(Map<String, String> env, Path home, OsFamily os) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.home = Objects.requireNonNull(home, "home");
        this.os = Objects.requireNonNull(os, "os");
    }

    /** The lookup for the running process. */
    public static PgPassLookup current() {
        return new PgPassLookup(System.getenv(), Path.of(System.getProperty("user.home")), OsFamily.current());
    }

    @Override
    public String name() {
        return "pgpass";
    }

    /** Which file libpq would read for {@code explicitPassfile}, and why that one (for messages). */
    public Located locate(String explicitPassfile) {
        if (explicitPassfile != null && !explicitPassfile.isBlank()) {
            return new Located(Path.of(explicitPassfile), "the workspace's passfile");
        }
        String fromEnv = env.get("PGPASSFILE");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Located(Path.of(fromEnv), "PGPASSFILE");
        }
        if (os == OsFamily.WINDOWS) {
            String appData = env.get("APPDATA");
            Path base = appData == null || appData.isBlank() ? home.resolve("AppData").resolve("Roaming")
                    : Path.of(appData);
            return new Located(base.resolve("postgresql").resolve("pgpass.conf"), "the default pgpass.conf");
        }
        return new Located(home.resolve(".pgpass"), "the default ~/.pgpass");
    }

    /**
     * Why a pgpass file would be ignored, or empty when it is usable. libpq skips a file that is not a plain file
     * or, on POSIX, has any group/world permission bit.
     */
    public Optional<String> ignoredBecause(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.of(file + " is not a plain file; libpq ignores it");
        }
        if (os.isPosix()) {
            try {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                if (perms.stream().anyMatch(GROUP_OR_OTHER::contains)) {
                    return Optional.of(file + " has group or world access, so it is ignored (as libpq does); "
                            + "run: chmod 600 " + file);
                }
            } catch (UnsupportedOperationException e) {
                // A file system without POSIX modes (a mounted FAT drive): nothing to check, as libpq on Windows.
                LOG.debug("No POSIX permissions on {}", file);
            } catch (IOException e) {
                return Optional.of(file + " cannot be inspected (" + e.getMessage() + ")");
            }
        }
        return Optional.empty();
    }

    @Override
    public CredentialAttempt attempt(CredentialRequest request) {
        Located located = locate(request.passfile());
        Path file = located.file();
        if (!Files.exists(file)) {
            return CredentialAttempt.missing("no pgpass file at " + file + " (" + located.why() + ")");
        }
        Optional<String> ignored = ignoredBecause(file);
        if (ignored.isPresent()) {
            LOG.warn("pgpass file ignored: {}", ignored.get());
            return CredentialAttempt.missing(ignored.get());
        }
        PgPassFile parsed;
        try {
            // A FIFO or a device named as the pgpass file must not hang or fill the heap.
            parsed = PgPassFile.parse(new String(io.pilothouse.services.platform.InputFiles.read(file,
                    io.pilothouse.services.platform.InputFiles.CONFIG_MAX_BYTES, "pgpass file"),
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            return CredentialAttempt.missing("cannot read " + file + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
        }
        try {
            Optional<PgPassFile.Match> match =
                    parsed.find(request.host(), request.port(), request.database(), request.user());
            if (match.isEmpty()) {
                return CredentialAttempt.missing("no line in " + file + " matches " + key(request));
            }
            PgPassFile.Match m = match.get();
            if (m.password().length == 0) {
                // libpq stops at the first match and treats an empty password as none; so do we.
                return CredentialAttempt.missing(file + " line " + m.line() + " matches " + key(request)
                        + " but its password is empty");
            }
            LOG.debug("Password for {} from {} line {}", request.describe(), file, m.line());
            return CredentialAttempt.found(m.password(), CredentialOrigin.PGPASS, file + " line " + m.line());
        } finally {
            parsed.clear();
        }
    }

    private static String key(CredentialRequest r) {
        return r.host() + ":" + r.port() + ":" + r.database() + ":" + r.user();
    }

    /**
     * The pgpass file chosen and why.
     *
     * @param file the path
     * @param why  which rule chose it ("PGPASSFILE", "the workspace's passfile", …)
     */
    public record Located(Path file, String why) {
    }
}
