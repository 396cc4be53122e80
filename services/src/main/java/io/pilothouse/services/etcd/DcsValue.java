package io.pilothouse.services.etcd;

/**
 * A value read from etcd.
 *
 * @param value       the value as UTF-8 text
 * @param lease       lease id (0 when the key has none)
 * @param modRevision etcd revision of the last change
 */
public record DcsValue(String value, long lease, long modRevision) {
}
