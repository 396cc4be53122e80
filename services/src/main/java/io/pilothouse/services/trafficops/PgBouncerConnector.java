package io.pilothouse.services.trafficops;

/** Opens a fresh admin console session on one PgBouncer (its password from pgpass or the keyring). */
public interface PgBouncerConnector {

    /** Where it is. */
    PgBouncerAddress address();

    /** A new console session; the caller closes it. */
    PgBouncerAdmin open() throws TrafficSourceException;
}
