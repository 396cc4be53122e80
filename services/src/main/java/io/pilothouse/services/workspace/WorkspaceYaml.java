package io.pilothouse.services.workspace;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The workspace YAML format: a strict reader (a first streaming pass for syntax and password keys, then binding
 * with unknown and duplicate keys rejected) and a writer producing what a person would write by hand.
 */
final class WorkspaceYaml {

    /** Written at the top of every saved file, because users edit these by hand. */
    static final String HEADER = "# Pilothouse workspace. No passwords here: they come from a pgpass file "
            + "(postgres.passfile, PGPASSFILE or ~/.pgpass),\n# the OS keyring, or a prompt.\n";

    private final YAMLMapper mapper = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            // A typo such as "readonly:" must not silently leave a production workspace writable.
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // "patroni: http://host:8008" for a one-member list is what people write.
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .serializationInclusion(JsonInclude.Include.NON_EMPTY)
            .build();

    /**
     * Parses {@code yaml} (the content of {@code file}) into a workspace, not yet semantically validated.
     *
     * @throws WorkspaceException for syntax errors, an empty or non-mapping document, password keys, unknown or
     *                            duplicate keys and values of the wrong type
     */
    Workspace parse(Path file, String yaml) throws WorkspaceException {
        YamlProblems problems = new YamlProblems(mapper, yaml);
        YamlScan.Result scan;
        try {
            scan = YamlScan.scan(mapper, yaml);
        } catch (StreamReadException e) {
            throw new WorkspaceException(file, YamlProblems.syntax(e), e);
        } catch (IOException e) {
            throw new WorkspaceException(file, "could not be parsed: " + YamlProblems.firstLine(e), e);
        }
        if (scan.empty()) {
            throw new WorkspaceException(file, "is empty; it needs at least `name:` and `sources:`", null);
        }
        if (scan.firstToken() != JsonToken.START_OBJECT) {
            throw new WorkspaceException(file, "must be a YAML mapping with the keys name, readOnly and sources, "
                    + "but it starts with a " + YamlProblems.describe(scan.firstToken()), null);
        }
        // Before binding: a password key is also an unknown key, and deserves the more useful message.
        if (!scan.secretKeys().isEmpty()) {
            throw new WorkspaceException(file, problems.secretKeys(scan.secretKeys()), null);
        }
        try {
            Workspace w = mapper.readValue(yaml, Workspace.class);
            if (w == null) {
                throw new WorkspaceException(file, "is empty; it needs at least `name:` and `sources:`", null);
            }
            return w;
        } catch (JsonProcessingException e) {
            throw new WorkspaceException(file, problems.binding(e), e);
        }
    }

    /** The YAML text of {@code workspace}, with the header comment; empty and null fields left out. */
    String write(Workspace workspace) throws JsonProcessingException {
        return HEADER + mapper.writeValueAsString(workspace);
    }
}
