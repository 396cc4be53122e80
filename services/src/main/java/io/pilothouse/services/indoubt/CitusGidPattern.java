package io.pilothouse.services.indoubt;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Citus branches: {@code citus_<groupid>_<pid>_<txnumber>_<connectionid>}, where the group is the initiating node's
 * (the coordinator's, group 0, unless a worker started the distributed transaction), the pid its backend and the
 * transaction number its distributed transaction; the connection id tells the branches on one worker apart. The
 * global id is everything but the connection id. The participant is the node holding the branch (the gid does not
 * name it).
 */
final class CitusGidPattern implements GidPattern {

    static final String NAME = "citus";

    private static final Pattern GID = Pattern.compile("citus_(\\d+)_(\\d+)_(\\d+)_(\\d+)");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<GidMatch> match(String gid, Set<String> knownNodes) {
        Matcher m = GID.matcher(gid);
        if (!m.matches()) {
            return Optional.empty();
        }
        String global = "citus_" + m.group(1) + "_" + m.group(2) + "_" + m.group(3);
        return Optional.of(new GidMatch(NAME, NAME, global, null, m.group(4), null));
    }

    /** The initiating node's group id of a Citus global id or gid, or -1 when it is not one. */
    static int initiatorGroup(String globalIdOrGid) {
        Matcher m = Pattern.compile("citus_(\\d+)_.*").matcher(globalIdOrGid);
        try {
            return m.matches() ? Integer.parseInt(m.group(1)) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
