package io.pilothouse.views.replicas;

/** The pages of the "Add a replica…" wizard, in order. */
public enum ReplicaPage {
    /** Where and what: host, SSH, port, data directory, name, upstream, tags. */
    TARGET,
    /** The pre-checks and every command that will run, with the confirm button naming the action. */
    PREVIEW,
    /** The steps as they run, with the base backup's progress. */
    RUNNING,
    /** What was done (or undone), with every command. */
    REPORT
}
