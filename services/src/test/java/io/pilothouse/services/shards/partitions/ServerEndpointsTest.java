package io.pilothouse.services.shards.partitions;

import io.pilothouse.services.shards.partitions.ServerEndpoints.Endpoint;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A foreign server's host and port options read the way libpq reads them. */
class ServerEndpointsTest {

    @Test
    void aSingleHostAndPortIsOneEndpointAndAMissingPortIsLibpqsDefault() {
        assertThat(ServerEndpoints.parse(" db1 ", " 6432 ")).hasValue(List.of(new Endpoint("db1", 6432)));
        assertThat(ServerEndpoints.parse("db1", null)).hasValue(List.of(new Endpoint("db1", 5432)));
    }

    @Test
    void multiHostListsPairUpOrShareTheirOnePort() {
        assertThat(ServerEndpoints.parse("127.0.0.1,127.0.0.1", "5441,5442"))
                .hasValue(List.of(new Endpoint("127.0.0.1", 5441), new Endpoint("127.0.0.1", 5442)));
        assertThat(ServerEndpoints.parse("a,b,c", "5433"))
                .hasValue(List.of(new Endpoint("a", 5433), new Endpoint("b", 5433), new Endpoint("c", 5433)));
    }

    @Test
    void listsThatLibpqWouldRefuseHaveNoEndpoints() {
        assertThat(ServerEndpoints.parse(null, "5432")).isEmpty();
        assertThat(ServerEndpoints.parse(" ", "5432")).isEmpty();
        assertThat(ServerEndpoints.parse("a,b,c", "1,2")).isEmpty();
        assertThat(ServerEndpoints.parse("a,,b", "1")).isEmpty();
        assertThat(ServerEndpoints.parse("a,b", "1,x")).isEmpty();
    }

    @Test
    void withoutALiveModelTheFirstEndpointIsTaken() {
        List<Endpoint> endpoints = List.of(new Endpoint("a", 1), new Endpoint("b", 2));
        assertThat(ServerEndpoints.current(endpoints, null)).isEqualTo(new Endpoint("a", 1));
    }
}
