package io.pilothouse.services.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders the YAML files of a sandbox from maps, so that values (paths, passwords) are escaped by
 * a YAML library and never by string concatenation.
 */
final class SandboxYaml {

    private static final YAMLMapper MAPPER = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            // Plain scalars read better; the generator still quotes anything YAML would misread
            // (on, off, yes, numbers in strings…).
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());

    private SandboxYaml() {}

    static String render(Object tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new SandboxException("Cannot render YAML: " + e.getOriginalMessage(), e);
        }
    }
}
