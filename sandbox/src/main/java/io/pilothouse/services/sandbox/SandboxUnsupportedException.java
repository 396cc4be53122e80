package io.pilothouse.services.sandbox;

/** What was asked of the sandbox cannot work with the software it would run (e.g. quorum commit on Patroni 3). */
public final class SandboxUnsupportedException extends SandboxException {

    public SandboxUnsupportedException(String message) {
        super(message);
    }
}
