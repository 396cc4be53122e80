package io.pilothouse.services.workspace;

import java.util.List;

/**
 * A set of clusters and how to reach them, as the user saved it. Holds no secrets: passwords come from a pgpass
 * file, the OS keyring or a prompt.
 *
 * @param name     display name
 * @param readOnly when true, every mutating service call is refused (see the mutation gate)
 * @param sources  where clusters are found
 */
public record Workspace(String name, boolean readOnly, List<SourceConfig> sources) {

    public Workspace {
        name = name == null || name.isBlank() ? "workspace" : name;
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
