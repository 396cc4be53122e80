package io.pilothouse.services.workspace;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pilothouse.services.platform.PrivateFiles;
import org.slf4j.Logger;
import org.yaml.snakeyaml.error.MarkedYAMLException;
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
import java.util.stream.Collectors;

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

    /** Written at the top of every saved file, because users edit these by hand. */
    static final String HEADER = "# Pilothouse workspace. No passwords here: they come from a pgpass file "
            + "(postgres.passfile, PGPASSFILE or ~/.pgpass),\n# the OS keyring, or a prompt.\n";

    /** Workspace name for sources given on the command line. */
    public static final String COMMAND_LINE_NAME = "command line";

    private final YAMLMapper mapper = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // "patroni: http://host:8008" for a one-member list is what people write.
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .serializationInclusion(JsonInclude.Include.NON_EMPTY)
            .build();

    /**
     * Reads and validates a workspace file.
     *
     * @throws WorkspaceException if the file is missing or unreadable, is not valid YAML, has unknown or duplicate
     *                            keys, contains a password, or describes sources that cannot work
     */
    public Workspace load(Path file) throws WorkspaceException {
        Objects.requireNonNull(file, "file");
        String yaml = read(file);
        YamlScan.Result scan;
        try {
            scan = YamlScan.scan(mapper, yaml);
        } catch (StreamReadException e) {
            throw new WorkspaceException(file, syntaxProblem(e), e);
        } catch (IOException e) {
            throw new WorkspaceException(file, "could not be parsed: " + firstLine(e), e);
        }
        if (scan.empty()) {
            throw new WorkspaceException(file, "is empty; it needs at least `name:` and `sources:` "
                    + "(see the example in the user guide)", null);
        }
        if (scan.firstToken() != JsonToken.START_OBJECT) {
            throw new WorkspaceException(file, "must be a YAML mapping with the keys name, readOnly and sources, "
                    + "but it starts with a " + describe(scan.firstToken()), null);
        }
        if (!scan.secretKeys().isEmpty()) {
            List<String> problems = new ArrayList<>();
            JsonNode tree = treeOrNull(yaml);
            for (YamlScan.Found f : scan.secretKeys()) {
                // Name the key and where it is; never the value.
                problems.add("line " + f.line() + ", column " + f.column() + " (" + Where.path(f.path(), tree)
                        + "): key '" + f.key() + "' refused: " + SecretKeys.ADVICE
                        + ". Remove the key and store the password there instead.");
            }
            throw new WorkspaceException(file, problems, null);
        }
        Workspace workspace = bind(file, yaml);
        List<String> problems = WorkspaceValidator.problems(workspace);
        if (!problems.isEmpty()) {
            throw new WorkspaceException(file, problems, null);
        }
        LOG.info("Loaded workspace '{}' from {}: {} source(s), {}", workspace.name(), file,
                workspace.sources().size(), workspace.readOnly() ? "read-only" : "read-write");
        return workspace;
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
        List<String> problems = WorkspaceValidator.problems(workspace);
        if (!problems.isEmpty()) {
            throw new WorkspaceException(file, prefixAll("not saved: ", problems), null);
        }
        byte[] content;
        try {
            content = (HEADER + mapper.writeValueAsString(workspace)).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new WorkspaceException(file, "could not be serialised: " + firstLine(e), e);
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
        return new Workspace(COMMAND_LINE_NAME, false, List.of(source));
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
        return new Workspace(COMMAND_LINE_NAME, false, List.of(source));
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

    private Workspace bind(Path file, String yaml) throws WorkspaceException {
        try {
            Workspace w = mapper.readValue(yaml, Workspace.class);
            if (w == null) {
                throw new WorkspaceException(file, "is empty; it needs at least `name:` and `sources:`", null);
            }
            return w;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            throw new WorkspaceException(file, at(e, yaml) + "unknown key '" + e.getPropertyName()
                    + "' in " + where(e, yaml, true) + "; the keys allowed there are: " + known
                    + ". Check the spelling and indentation.", e);
        } catch (ValueInstantiationException e) {
            // Our records reject null list elements (List.copyOf): "- " with nothing after it.
            throw new WorkspaceException(file, at(e, yaml) + where(e, yaml, false) + " contains an empty "
                    + "list entry; remove the lone '-' or fill it in", e);
        } catch (InvalidFormatException e) {
            throw new WorkspaceException(file, at(e, yaml) + where(e, yaml, false) + " has the value '"
                    + e.getValue() + "' which is not a " + typeName(e.getTargetType()) + "; correct the value", e);
        } catch (MismatchedInputException e) {
            throw new WorkspaceException(file, at(e, yaml) + where(e, yaml, false) + " has the wrong shape ("
                    + expected(e.getTargetType()) + "); correct it", e);
        } catch (StreamReadException e) {
            throw new WorkspaceException(file, syntaxProblem(e), e);
        } catch (DatabindException e) {
            throw new WorkspaceException(file, at(e.getLocation()) + "could not be read: " + firstLine(e), e);
        } catch (JsonProcessingException e) {
            throw new WorkspaceException(file, "could not be read: " + firstLine(e), e);
        }
    }

    /** Where a binding error is. For an unknown key, the path ends with the key itself; report its parent. */
    private String where(JsonMappingException e, String yaml, boolean dropLast) {
        List<Object> path = path(e);
        if (dropLast && !path.isEmpty()) {
            path.remove(path.size() - 1);
        }
        return Where.path(path, treeOrNull(yaml));
    }

    /** "line L, column C: " of the offending key, found by path; Jackson's own location as a fallback. */
    private String at(JsonMappingException e, String yaml) {
        JsonLocation located = YamlScan.locate(mapper, yaml, path(e));
        return at(located != null ? located : e.getLocation());
    }

    private static List<Object> path(JsonMappingException e) {
        List<Object> path = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.add(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.add(ref.getIndex());
            }
        }
        return path;
    }

    private JsonNode treeOrNull(String yaml) {
        try {
            return mapper.readTree(yaml);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * A syntax error in words: SnakeYAML's context and problem ("while parsing a flow sequence: expected ',' or
     * ']'"), without the snippet of the file it normally appends.
     */
    private static String syntaxProblem(StreamReadException e) {
        String where = at(e.getLocation());
        String original = firstLine(e);
        if (original.startsWith("Duplicate field")) {
            return where + original.replace("Duplicate field", "key") + " appears twice in the same mapping; keep "
                    + "only one";
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof MarkedYAMLException y) {
                String problem = y.getProblem() == null ? "" : y.getProblem().strip();
                String context = y.getContext() == null ? "" : y.getContext().strip();
                String text = context.isEmpty() ? problem : problem.isEmpty() ? context : context + ": " + problem;
                if (y.getProblemMark() != null) {
                    // The problem mark is where the parser gave up, usually the more useful place to look.
                    where = "line " + (y.getProblemMark().getLine() + 1) + ", column "
                            + (y.getProblemMark().getColumn() + 1) + ": ";
                }
                original = text.lines().findFirst().orElse(text);
                break;
            }
        }
        return where + "is not valid YAML (" + original + "). Fix the syntax there: indentation, a missing "
                + "colon, bracket or quote.";
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
    }

    /**
     * The first line of a parser message. SnakeYAML appends a snippet of the offending text, which may be the line
     * next to a secret, so it is cut off.
     */
    private static String firstLine(Exception e) {
        String m = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        String line = m.strip().lines().findFirst().orElse(m).strip();
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "list";
            case VALUE_STRING -> "plain text value";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            default -> "single value";
        };
    }

    private static String typeName(Class<?> type) {
        if (type == boolean.class || type == Boolean.class) {
            return "boolean (true or false)";
        }
        return type == null ? "value of the expected type" : type.getSimpleName();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "unexpected value";
        }
        if (List.class.isAssignableFrom(type)) {
            return "expected a list";
        }
        if (type == String.class) {
            return "expected a plain value";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "expected true or false";
        }
        if (type.isRecord()) {
            return "expected a mapping of keys";
        }
        return "expected " + type.getSimpleName();
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
