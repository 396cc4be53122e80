package io.pilothouse.services.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {

    @Test
    void allocatesDistinctFreePortsBelowTheEphemeralRange() {
        List<Integer> ports = new PortAllocator(new Random()).allocate(20);

        assertThat(ports).hasSize(20).doesNotHaveDuplicates();
        // Linux's default ephemeral range starts at 32768.
        assertThat(ports).allMatch(p -> p >= 20000 && p < 32768);
    }

    @Test
    void skipsAPortSomeoneListensOn() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(new PortAllocator(new Random()).isFree(taken.getLocalPort())).isFalse();
        }
    }
}
