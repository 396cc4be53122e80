package io.pilothouse.services.workspace.sharding;

/**
 * An inline expression Pilothouse cannot read: malformed, or valid Groovy outside the subset we evaluate. The
 * message names the 0-based character position and says what to do, because the user has to fix (or expand by
 * hand) a line in a ShardingSphere file they may not own.
 */
public final class InlineExpressionException extends IllegalArgumentException {

    private final int position;

    InlineExpressionException(String expression, int position, String problem) {
        super("inline expression \"" + expression + "\" at position " + position + ": " + problem);
        this.position = position;
    }

    /** 0-based character offset in the expression where the problem was found. */
    public int position() {
        return position;
    }
}
