package io.pilothouse.services.sandbox;

import java.nio.file.Path;

/** {@code up} was asked to start a sandbox in a directory whose sandbox is still (partly) running. */
public final class SandboxAlreadyRunningException extends SandboxException {

    private static final long serialVersionUID = 1L;

    private final transient Path dir;

    public SandboxAlreadyRunningException(Path dir, SandboxStatus status) {
        super("A sandbox is already running in " + dir + " (" + status.summary()
                + "); use it, or stop it first with down");
        this.dir = dir;
    }

    /** The directory of the running sandbox. */
    public Path dir() {
        return dir;
    }
}
