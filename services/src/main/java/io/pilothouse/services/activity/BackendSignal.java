package io.pilothouse.services.activity;

/** What is sent to a backend. */
public enum BackendSignal {
    /** {@code pg_cancel_backend}: ends the running statement; the session and its transaction (aborted) stay. */
    CANCEL("cancel-backend", "pg_cancel_backend", "cancel"),
    /** {@code pg_terminate_backend}: ends the session; its open transaction rolls back and its locks are released. */
    TERMINATE("terminate-backend", "pg_terminate_backend", "terminate");

    private final String action;
    private final String function;
    private final String verb;

    BackendSignal(String action, String function, String verb) {
        this.action = action;
        this.function = function;
        this.verb = verb;
    }

    /** The audit log's action name. */
    public String action() {
        return action;
    }

    /** The server function called. */
    public String function() {
        return function;
    }

    /** {@code cancel} or {@code terminate}. */
    public String verb() {
        return verb;
    }

    /** The statement sent, with the pid as its one parameter. */
    String statement() {
        return "SELECT " + function + "(?)";
    }
}
