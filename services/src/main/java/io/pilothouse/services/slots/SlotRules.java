package io.pilothouse.services.slots;

import io.pilothouse.services.model.SlotFlag;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * When a slot is flagged.
 *
 * @param inactiveRetainedBytes an inactive slot holding back more WAL than this is flagged; 0 flags every inactive
 *                              slot that retains anything
 */
public record SlotRules(long inactiveRetainedBytes) {

    /**
     * 1 GiB: well above the WAL a replica that just reconnects after a restart holds back (a few 16 MiB segments),
     * well below what fills a typical WAL volume.
     */
    public static final SlotRules DEFAULTS = new SlotRules(1L << 30);

    public SlotRules {
        if (inactiveRetainedBytes < 0) {
            throw new IllegalArgumentException("inactiveRetainedBytes must be >= 0, got " + inactiveRetainedBytes);
        }
    }

    /** The flags a slot with these values earns. */
    public Set<SlotFlag> flags(boolean active, String walStatus, Long retainedBytes) {
        EnumSet<SlotFlag> flags = EnumSet.noneOf(SlotFlag.class);
        if (!active && retainedBytes != null && retainedBytes > inactiveRetainedBytes) {
            flags.add(SlotFlag.INACTIVE_RETAINING_WAL);
        }
        String status = walStatus == null ? "" : walStatus.toLowerCase(Locale.ROOT);
        if (status.equals("unreserved")) {
            flags.add(SlotFlag.WAL_UNRESERVED);
        } else if (status.equals("lost")) {
            flags.add(SlotFlag.WAL_LOST);
        }
        return flags;
    }
}
