package io.pilothouse.services.model;

import java.util.Objects;

/**
 * A PostgreSQL server that can hold prepared transactions: a cluster's primary or a standalone node.
 *
 * @param source workspace source
 * @param scope  cluster (or standalone node's) name
 * @param member member name ({@code node1}), or the node's {@code host:port} when it has no other name
 * @param host   PostgreSQL host
 * @param port   PostgreSQL port
 */
public record NodeRef(String source, String scope, String member, String host, int port) {

    public NodeRef {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(host, "host");
    }

    /** {@code scope/member}, as shown and as the command line names a node. */
    public String label() {
        return scope + "/" + member;
    }
}
