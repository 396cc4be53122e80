package io.pilothouse.services.patroni;

/**
 * The basic-auth credentials to send to one member's REST API with a command, or null when none are configured
 * (Patroni then has no {@code restapi.authentication}, or the request will be answered 401 and explained).
 */
@FunctionalInterface
public interface PatroniAuthLookup {

    /** No credentials anywhere. */
    PatroniAuthLookup NONE = apiUrl -> null;

    /** Credentials for the member at {@code apiUrl}, or null. */
    PatroniAuth forUrl(String apiUrl);
}
