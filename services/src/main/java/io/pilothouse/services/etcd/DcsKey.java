package io.pilothouse.services.etcd;

/**
 * A Patroni key under a namespace: {@code /<ns>/<scope>/<name>} or, for Citus groups, {@code /<ns>/<scope>/<group>/<name>};
 * member keys end in {@code members/<member>}.
 *
 * @param cluster the cluster id: the scope, or {@code scope/group} for a Citus group
 * @param name    the key name inside the cluster ({@code leader}, {@code config}, {@code members}, …)
 * @param member  the member name for member keys, else null
 */
public record DcsKey(String cluster, String name, String member) {

    /**
     * Parses {@code key} relative to {@code namespace} (normalised, with leading and trailing slash).
     *
     * @return the parsed key, or null when the key is not one of Patroni's
     */
    public static DcsKey parse(String namespace, String key) {
        if (!key.startsWith(namespace)) {
            return null;
        }
        String[] parts = key.substring(namespace.length()).split("/", -1);
        if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
            return new DcsKey(parts[0], parts[1], null);
        }
        if (parts.length == 3 && "members".equals(parts[1]) && !parts[2].isEmpty()) {
            return new DcsKey(parts[0], "members", parts[2]);
        }
        if (parts.length == 3 && isGroup(parts[1]) && !parts[2].isEmpty()) {
            return new DcsKey(parts[0] + "/" + parts[1], parts[2], null);
        }
        if (parts.length == 4 && isGroup(parts[1]) && "members".equals(parts[2]) && !parts[3].isEmpty()) {
            return new DcsKey(parts[0] + "/" + parts[1], "members", parts[3]);
        }
        return null;
    }

    private static boolean isGroup(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}
