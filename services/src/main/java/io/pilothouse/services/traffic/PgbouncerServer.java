package io.pilothouse.services.traffic;

/**
 * One server connection of PgBouncer's {@code SHOW SERVERS}, joined to a member by its address.
 *
 * @param database the database
 * @param user     the user
 * @param state    {@code active}, {@code idle}, {@code used}, {@code tested}, {@code new}
 * @param address  {@code addr:port} it is connected to
 * @param member   the member at that address, or null (e.g. it goes through HAProxy)
 */
public record PgbouncerServer(String database, String user, String state, String address, String member) {
}
