package io.pilothouse.services.faults;

import java.util.Objects;

/**
 * What a fault hits: a role, and for {@link ProcessRole#POSTGRES} and {@link ProcessRole#PATRONI} the member.
 *
 * @param role   the process role
 * @param member the member name, null for {@link ProcessRole#ETCD}
 */
public record FaultTarget(ProcessRole role, String member) {

    public FaultTarget {
        Objects.requireNonNull(role, "role");
        if (role != ProcessRole.ETCD && (member == null || member.isBlank())) {
            throw new IllegalArgumentException(role + " needs a member name");
        }
    }

    /** The PostgreSQL of {@code member} (postmaster and children). */
    public static FaultTarget postgresOf(String member) {
        return new FaultTarget(ProcessRole.POSTGRES, member);
    }

    /** The Patroni daemon of {@code member}. */
    public static FaultTarget patroniOf(String member) {
        return new FaultTarget(ProcessRole.PATRONI, member);
    }

    /** The etcd server. */
    public static FaultTarget etcd() {
        return new FaultTarget(ProcessRole.ETCD, null);
    }

    @Override
    public String toString() {
        return role == ProcessRole.ETCD ? "etcd" : role.name().toLowerCase(java.util.Locale.ROOT) + " of " + member;
    }
}
