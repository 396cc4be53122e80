package io.pilothouse.services.workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.pilothouse.services.platform.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads, validates and saves workspace files (YAML), and builds one-source workspaces from command-line options
 * ({@code --etcd URL --namespace NS}, {@code --patroni URL,URL}).
 *
 * <p>Loading is strict: unknown keys are rejected (a typo such as {@code readonly:} would otherwise silently leave
 * a production workspace writable), duplicate keys are rejected, and any key that would hold a password refuses
 * the whole file. Every failure is a {@link WorkspaceException} whose message names the file, line/column or
 * source and field, and says what to do.
 *
 * <p>Thread-safe; one instance can be shared.
 */
public final class WorkspaceLoader {

    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceLoader.class);

    /** Workspace name for sources given on the command line. */
    public static final String COMMAND_LINE_NAME = "command line";

    private final WorkspaceYaml yaml = new WorkspaceYaml();

    /**
     * Reads and validates a workspace file.
     *
     * @throws WorkspaceException if the file is missing or unreadable, is not valid YAML, has unknown or duplicate
     *                            keys, contains a password, or describes sources that cannot work
     */
    public Workspace load(Path file) throws WorkspaceException {
        Objects.requireNonNull(file, "file");
        Workspace workspace = yaml.parse(file, read(file));
        List<String> problems = WorkspaceValidator.problems(workspace, file.toAbsolutePath().getParent());
        if (!problems.isEmpty()) {
            throw new WorkspaceException(file, problems, null);
        }
        LOG.info("Loaded workspace '{}' from {}: {} source(s), {}", workspace.name(), file,
                workspace.sources().size(), workspace.readOnly() ? "read-only" : "read-write");
        return withAbsoluteRuleFiles(workspace, file.toAbsolutePath().getParent());
    }

    /**
     * ShardingSphere rule files are named relative to the workspace file; once loaded, readers must find them
     * wherever the app was started from.
     */
    private static Workspace withAbsoluteRuleFiles(Workspace w, Path base) {
        List<ShardMapConfig> maps = w.shardMaps().stream().map(m -> !m.isShardingSphere()
                || Path.of(m.shardingSphere()).isAbsolute() ? m : new ShardMapConfig(m.name(), m.table(), m.key(),
                m.modulo(), m.shards(), base.resolve(m.shardingSphere()).toString(), m.dataSources())).toList();
        return w.toBuilder().shardMaps(maps).build();
    }

    /**
     * Validates and writes {@code workspace} to {@code file} atomically (temporary file in the same directory, then
     * a rename), mode 0600 on POSIX. Missing parent directories are created (mode 0700).
     *
     * @throws WorkspaceException if the workspace is invalid (nothing is written) or the file cannot be written
     */
    public void save(Workspace workspace, Path file) throws WorkspaceException {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(file, "file");
        List<String> problems = WorkspaceValidator.problems(workspace, file.toAbsolutePath().getParent());
        if (!problems.isEmpty()) {
            throw new WorkspaceException(file, prefixAll("not saved: ", problems), null);
        }
        byte[] content;
        try {
            content = yaml.write(workspace).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new WorkspaceException(file, "could not be serialised: " + YamlProblems.firstLine(e), e);
        }
        try {
            PrivateFiles.writeAtomically(file, content);
        } catch (AccessDeniedException e) {
            throw new WorkspaceException(file, "could not be saved: permission denied on " + e.getFile()
                    + "; choose a location you can write to or fix the directory's owner and mode", e);
        } catch (IOException e) {
            throw new WorkspaceException(file, "could not be saved (" + e + "); the previous version, if any, "
                    + "is unchanged. Check that the directory exists, is writable and the disk is not full", e);
        }
        LOG.info("Saved workspace '{}' to {}", workspace.name(), file);
    }

    /**
     * A workspace with one source discovering every cluster under an etcd namespace, for
     * {@code --etcd URL[,URL…] --namespace NS}. The source connects to PostgreSQL with the defaults of
     * {@link PostgresConfig} (user and database {@code postgres}, password from {@code PGPASSFILE}/~/.pgpass).
     *
     * @param endpoints etcd client URLs; an element may itself be a comma-separated list
     * @param namespace Patroni namespace; null or blank for {@code /service/}
     * @throws WorkspaceException if no endpoint is given or one is not an http(s) URL
     */
    public Workspace fromEtcd(List<String> endpoints, String namespace) throws WorkspaceException {
        List<String> urls = splitCommas(endpoints);
        checkCommandLineUrls("--etcd", urls, WorkspaceValidator.ETCD_EXAMPLE);
        EtcdConfig etcd = new EtcdConfig(urls, namespace);
        SourceConfig source = new SourceConfig("etcd " + etcd.namespace(), etcd, List.of(),
                new PostgresConfig(null, null, null, null));
        return Workspace.builder(COMMAND_LINE_NAME).sources(List.of(source)).build();
    }

    /**
     * A workspace with one source: the cluster whose members serve the given Patroni REST URLs, for
     * {@code --patroni URL,URL}. PostgreSQL defaults as in {@link #fromEtcd}.
     *
     * @param urls Patroni REST base URLs; an element may itself be a comma-separated list
     * @throws WorkspaceException if no URL is given or one is not an http(s) URL
     */
    public Workspace fromPatroni(List<String> urls) throws WorkspaceException {
        List<String> list = splitCommas(urls);
        checkCommandLineUrls("--patroni", list, WorkspaceValidator.PATRONI_EXAMPLE);
        SourceConfig source = new SourceConfig("patroni " + hostPort(list.get(0)), null, list,
                new PostgresConfig(null, null, null, null));
        return Workspace.builder(COMMAND_LINE_NAME).sources(List.of(source)).build();
    }

    private String read(Path file) throws WorkspaceException {
        if (Files.isDirectory(file)) {
            throw new WorkspaceException(file, "is a directory, not a workspace file; name the .yaml file itself",
                    null);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new WorkspaceException(file, "does not exist; check the path, or create a workspace (or start "
                    + "with --etcd/--patroni and save it)", e);
        } catch (AccessDeniedException e) {
            throw new WorkspaceException(file, "cannot be read: permission denied; check the file's owner and mode "
                    + "(it should be yours, mode 600)", e);
        } catch (IOException e) {
            throw new WorkspaceException(file, "cannot be read (" + e + ")", e);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new WorkspaceException(file, "is not UTF-8 text; save it as UTF-8", e);
        }
    }

    private static List<String> splitCommas(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                if (v == null) {
                    continue;
                }
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
            }
        }
        return out;
    }

    private static void checkCommandLineUrls(String option, List<String> urls, String example)
            throws WorkspaceException {
        if (urls.isEmpty()) {
            throw new WorkspaceException(null, option + " needs at least one URL, e.g. " + option + " " + example,
                    null);
        }
        List<String> problems = new ArrayList<>();
        for (String url : urls) {
            UrlRules.problem(url, option, example).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new WorkspaceException(null, problems, null);
        }
    }

    private static String hostPort(String url) {
        URI uri = URI.create(url);
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    private static List<String> prefixAll(String prefix, List<String> problems) {
        return problems.stream().map(p -> prefix + p).toList();
    }
}
