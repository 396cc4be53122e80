package io.pilothouse.services.live;

/** Small /patroni answers as Patroni 3.0.2 writes them. */
final class PatroniJsonTestData {

    private PatroniJsonTestData() {
    }

    static final String LEADER = "{\"state\":\"running\",\"role\":\"master\",\"server_version\":150018,"
            + "\"xlog\":{\"location\":5000},\"timeline\":3,\"patroni\":{\"version\":\"3.0.2\",\"scope\":\"demo\"}}";
    static final String REPLICA = "{\"state\":\"running\",\"role\":\"replica\",\"server_version\":150018,"
            + "\"xlog\":{\"received_location\":5000,\"replayed_location\":5000,\"paused\":false},\"timeline\":3,"
            + "\"patroni\":{\"version\":\"3.0.2\",\"scope\":\"demo\"}}";
}
