package io.pilothouse.services.locks;

/**
 * The lock store could not be asked, so nobody knows whether another operation is running: the caller refuses
 * the operation rather than risk two at once.
 */
public final class LockUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public LockUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
