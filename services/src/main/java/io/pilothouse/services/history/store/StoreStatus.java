package io.pilothouse.services.history.store;

/**
 * The store's state for a banner or the status bar.
 *
 * @param health  recording, rebuilt, bypassed…
 * @param message what happened and what to do, in words; empty while recording normally
 * @param written records written since the session started
 * @param dropped records dropped because the writer could not keep up (queue full) or the store was bypassed
 */
public record StoreStatus(StoreHealth health, String message, long written, long dropped) {

    /** The status before the writer has opened the file. */
    public static final StoreStatus OPENING = new StoreStatus(StoreHealth.OPENING, "", 0, 0);

    /** One line for the status bar or a banner. */
    public String describe() {
        String base = switch (health) {
            case OPENING -> "History: opening";
            case RECORDING -> "History: recording";
            case REBUILT, BYPASSED -> "History: " + message;
            case CLOSED -> "History: closed";
        };
        return dropped == 0 ? base : base + " (" + dropped + " records dropped)";
    }
}
