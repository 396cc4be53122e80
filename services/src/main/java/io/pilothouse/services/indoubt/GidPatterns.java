package io.pilothouse.services.indoubt;

import io.pilothouse.services.model.NodeRef;
import io.pilothouse.services.workspace.IndoubtConfig;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The gid patterns tried in order, first match wins: the workspace's own patterns (the user knows their
 * coordinators best), then Citus, then pgjdbc XA, then the guides' {@code <global-id>_<node-name>} convention
 * (the loosest, so last). A gid none recognises is {@linkplain GidMatch#unmatched() unmatched}: its branch is judged
 * alone. Immutable and thread-safe.
 */
public final class GidPatterns {

    /** The pattern name of an unmatched gid. */
    public static final String UNMATCHED = "none";

    /** Why an unmatched gid stands alone. */
    public static final String NO_MATCH_REASON = "no pattern matched";

    /** Names of the built-in patterns, as {@link GidMatch#pattern()} reports them. */
    public static final String CITUS = CitusGidPattern.NAME;
    public static final String PGJDBC_XA = XaGidPattern.NAME;
    public static final String GLOBAL_NODE = NodeSuffixGidPattern.NAME;

    private final List<GidPattern> patterns;

    private GidPatterns(List<GidPattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /** The built-in patterns only. */
    public static GidPatterns builtIn() {
        return new GidPatterns(builtInList());
    }

    /** The workspace's patterns, then the built-in ones. Only call with a validated workspace's settings. */
    public static GidPatterns from(IndoubtConfig config) {
        List<GidPattern> all = new ArrayList<>();
        for (IndoubtConfig.PatternConfig p : config.patterns()) {
            all.add(new RegexGidPattern(p.name().trim(), Pattern.compile(p.regex())));
        }
        all.addAll(builtInList());
        return new GidPatterns(all);
    }

    /** Exactly these patterns, in this order. */
    public static GidPatterns of(List<GidPattern> patterns) {
        return new GidPatterns(patterns);
    }

    private static List<GidPattern> builtInList() {
        return List.of(new CitusGidPattern(), new XaGidPattern(), new NodeSuffixGidPattern());
    }

    public List<GidPattern> patterns() {
        return patterns;
    }

    /** How {@code gid} reads: the first pattern's match, or an unmatched result with the gid as its global id. */
    public GidMatch classify(String gid, Set<String> knownNodes) {
        Set<String> known = knownNodes == null ? Set.of() : knownNodes;
        for (GidPattern p : patterns) {
            Optional<GidMatch> m = p.match(gid, known);
            if (m.isPresent()) {
                return m.get();
            }
        }
        return new GidMatch(UNMATCHED, UNMATCHED, gid, null, null, NO_MATCH_REASON);
    }

    /** The names a gid may use for these nodes: each node's label, member, scope and source. */
    public static Set<String> knownNodeNames(Collection<NodeRef> nodes) {
        Set<String> out = new LinkedHashSet<>();
        for (NodeRef n : nodes) {
            out.add(n.label());
            out.add(n.member());
            out.add(n.scope());
            out.add(n.source());
        }
        return out;
    }
}
