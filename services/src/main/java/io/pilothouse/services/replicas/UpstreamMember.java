package io.pilothouse.services.replicas;

/** The member a new replica copies from and streams from: its name and its PostgreSQL address. */
public record UpstreamMember(String name, String host, int port) {
}
