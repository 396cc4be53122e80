package io.pilothouse.services.traffic;

import java.util.Map;
import java.util.Set;

/**
 * What one read of a source's traffic layer gathered, before it is judged.
 *
 * @param source             the workspace source
 * @param members            its cluster's members (empty index when the cluster is not known yet)
 * @param writeEndpoint      the workspace's {@code writeEndpoint} of the source, or null
 * @param haproxy            the HAProxy read, or null when none is configured
 * @param pgbouncer          the PgBouncer read, or null when none is configured
 * @param pgpool             the Pgpool read, or null when none is configured
 * @param writeEndpointCheck a connection through {@code writeEndpoint}, or null
 * @param pgbouncerChecks    a connection through each PgBouncer database, by database name
 * @param pgpoolCheck        a connection through Pgpool, sent to its primary, or null
 * @param systemIdentifier   the cluster's system identifier (asked of its leader directly), or null when unknown
 * @param writeDatabases     PgBouncer databases known to be on the write path: pointing at the write endpoint, or
 *                           seen pointing at the leader earlier in the session
 */
record TrafficReading(String source, MemberIndex members, String writeEndpoint, HaproxyStatus haproxy,
                      PgbouncerStatus pgbouncer, PgpoolStatus pgpool, Verification writeEndpointCheck,
                      Map<String, Verification> pgbouncerChecks, Verification pgpoolCheck, Long systemIdentifier,
                      Set<String> writeDatabases) {
}
