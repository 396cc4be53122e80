package io.pilothouse.services.indoubt;

/**
 * A gid as shown in messages, logs and alerts: control characters written as backslash-u escapes so a hostile gid
 * (a newline, an escape sequence) keeps a message on one readable line and cannot fake another. Never used to build
 * SQL: that is {@link GidLiteral}'s job.
 */
public final class GidText {

    private GidText() {
    }

    /** The gid with control characters escaped. */
    public static String printable(String gid) {
        StringBuilder s = new StringBuilder();
        gid.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                s.append(String.format("\\u%04x", cp));
            } else {
                s.appendCodePoint(cp);
            }
        });
        return s.toString();
    }

    /** {@link #printable} in single quotes. */
    public static String quoted(String gid) {
        return "'" + printable(gid) + "'";
    }
}
