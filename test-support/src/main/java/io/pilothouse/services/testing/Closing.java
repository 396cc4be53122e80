package io.pilothouse.services.testing;

/** Tear-down help for tests. */
public final class Closing {

    private Closing() {}

    /**
     * Closes every non-null resource in the order given, each even if an earlier one failed; then throws the first
     * failure (later ones suppressed), wrapped in an {@link IllegalStateException} if it was checked.
     */
    public static void inOrder(AutoCloseable... resources) {
        Exception first = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first instanceof RuntimeException r) {
            throw r;
        }
        if (first != null) {
            throw new IllegalStateException("Closing failed", first);
        }
    }
}
