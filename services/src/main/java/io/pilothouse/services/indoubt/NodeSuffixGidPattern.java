package io.pilothouse.services.indoubt;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The convention of our users' guides: {@code <global-id>_<node-name>} ({@code tx_001_node_a},
 * {@code 6f1c…-…_shard-1}). Both parts may contain {@code _}, so the split point is chosen in this order:
 *
 * <ol>
 *   <li><b>Known node names.</b> If the gid ends with {@code _} + a name of the estate (node label, member, scope
 *       or source name, case-insensitive), the longest such name is the node. Exact unless two names fit, which
 *       the note says.</li>
 *   <li><b>UUID.</b> A gid starting with a UUID and {@code _}: the UUID is the global id, the rest the node.</li>
 *   <li><b>Fallback.</b> With only two {@code _}-separated tokens the split is exact. With more, the node is the
 *       last token, or the last two when the last is all digits or at most two characters and the one before it
 *       starts with a letter: {@code node_a}, {@code shard_1}, {@code db_02}. So {@code tx_001_node_a} reads as
 *       {@code tx_001} + {@code node_a} and {@code tx_001_node1} as {@code tx_001} + {@code node1}. This is a
 *       guess and the note says so: {@code order_items_1} could be {@code order} + {@code items_1} (what the rule
 *       picks) or {@code order_items} + {@code 1}; only the node names (or a workspace pattern) settle it.</li>
 * </ol>
 *
 * <p>The family is the global id's shape (digit runs as {@code #}, a UUID as {@code <uuid>}): {@code tx_001} and
 * {@code tx_002} are one family, presumably one coordinator.
 */
final class NodeSuffixGidPattern implements GidPattern {

    static final String NAME = "global_node";

    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final Pattern UUID_FIRST = Pattern.compile("(" + UUID + ")_(.+)");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<GidMatch> match(String gid, Set<String> knownNodes) {
        if (gid.indexOf('_') <= 0 || gid.endsWith("_")) {
            return Optional.empty();
        }
        Optional<GidMatch> known = byKnownNode(gid, knownNodes);
        if (known.isPresent()) {
            return known;
        }
        Matcher uuid = UUID_FIRST.matcher(gid);
        if (uuid.matches()) {
            return Optional.of(result(uuid.group(1), uuid.group(2), null));
        }
        String[] tokens = gid.split("_", -1);
        if (tokens.length == 2) {
            return Optional.of(result(tokens[0], tokens[1], null));
        }
        String last = tokens[tokens.length - 1];
        String before = tokens[tokens.length - 2];
        boolean twoTokens = (last.chars().allMatch(Character::isDigit) || last.length() <= 2)
                && !before.isEmpty() && Character.isLetter(before.charAt(0));
        int lastCut = gid.lastIndexOf('_');
        int previousCut = gid.lastIndexOf('_', lastCut - 1);
        int cut = twoTokens ? previousCut : lastCut;
        int otherCut = twoTokens ? lastCut : previousCut;
        String global = gid.substring(0, cut);
        String node = gid.substring(cut + 1);
        String other = gid.substring(0, otherCut) + "' + node '" + gid.substring(otherCut + 1);
        String note = "ambiguous: no known node name ends the gid, so it was split by the fallback rule into global '"
                + global + "' + node '" + node + "'; global '" + other + "' is also possible. Name the node in the "
                + "workspace, or add an indoubt pattern, to settle it";
        return Optional.of(result(global, node, note));
    }

    private static Optional<GidMatch> byKnownNode(String gid, Set<String> knownNodes) {
        String lower = gid.toLowerCase(Locale.ROOT);
        String best = null;
        String shorter = null;
        for (String name : knownNodes) {
            if (name == null || name.isBlank()) {
                continue;
            }
            String n = name.toLowerCase(Locale.ROOT);
            int cut = lower.length() - n.length() - 1;
            if (cut > 0 && lower.endsWith(n) && lower.charAt(cut) == '_') {
                if (best == null || n.length() > best.length()) {
                    shorter = best;
                    best = n;
                } else if (n.length() < best.length() && (shorter == null || n.length() > shorter.length())) {
                    shorter = n;
                }
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        int cut = gid.length() - best.length() - 1;
        String note = shorter == null ? null : "the gid also ends with the known node name '" + shorter
                + "'; the longest known name, '" + gid.substring(cut + 1) + "', was taken";
        return Optional.of(result(gid.substring(0, cut), gid.substring(cut + 1), note));
    }

    private static GidMatch result(String global, String node, String note) {
        return new GidMatch(NAME, NAME + ":" + shape(global), global, node, null, note);
    }

    /** {@code tx_001} → {@code tx_#}; a UUID → {@code <uuid>}. */
    static String shape(String global) {
        return global.replaceAll(UUID, "<uuid>").replaceAll("\\d+", "#");
    }
}
