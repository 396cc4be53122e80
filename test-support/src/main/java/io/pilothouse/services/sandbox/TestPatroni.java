package io.pilothouse.services.sandbox;

/**
 * Which Patroni the test sandboxes run: system property {@value #PROPERTY} ({@code 3}, the default, or {@code 4}).
 * {@code ./run-tests} runs the classes tagged {@value #MATRIX_TAG} a second time with it set to {@code 4}, so the
 * behaviour that depends on Patroni is tested on Debian 12's 3.0.2 and on Patroni 4.0.7. Read by {@link SharedSandbox}
 * and {@link OwnSandbox}; a test that needs one version whatever the pass sets it with {@code withPatroni}.
 */
public final class TestPatroni {

    /** The system property naming the Patroni major version of this test JVM's sandboxes. */
    public static final String PROPERTY = "pilothouse.test.patroni";

    /** JUnit tag of the test classes that run on both Patroni versions. */
    public static final String MATRIX_TAG = "patroni-matrix";

    private TestPatroni() {}

    /** The Patroni this test JVM's sandboxes run; a bad value fails loudly rather than testing the wrong one. */
    public static PatroniRelease release() {
        String value = System.getProperty(PROPERTY);
        return value == null || value.isBlank() ? PatroniRelease.PATRONI_3 : PatroniRelease.fromOption(value);
    }
}
