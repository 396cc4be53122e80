package io.pilothouse.services.reshard;

/** A move or split that cannot go on; the message says what happened, on which node, and what to do. */
public final class ReshardException extends RuntimeException {

    /** What kind of "cannot go on" this is, so the command line can tell its exit status. */
    public enum Kind {
        /** Something failed (a node could not be reached, a statement failed): the outcome may need a look. */
        FAILED,
        /** The plan was refused before anything changed: the partition cannot be moved as it is. */
        REFUSED,
        /** The request names something that does not exist (a partition, a foreign server): bad input. */
        BAD_INPUT
    }

    private final Kind kind;

    public ReshardException(String message) {
        this(Kind.FAILED, message, null);
    }

    public ReshardException(String message, Throwable cause) {
        this(Kind.FAILED, message, cause);
    }

    public ReshardException(Kind kind, String message) {
        this(kind, message, null);
    }

    public ReshardException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** Refused before anything changed. */
    static ReshardException refused(String message) {
        return new ReshardException(Kind.REFUSED, message);
    }

    /** The request names something that is not there. */
    static ReshardException badInput(String message) {
        return new ReshardException(Kind.BAD_INPUT, message);
    }

    public Kind kind() {
        return kind;
    }
}
