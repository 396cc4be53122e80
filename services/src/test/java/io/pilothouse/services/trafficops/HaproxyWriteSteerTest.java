package io.pilothouse.services.trafficops;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which HAProxy backends a held switchover steers, and that it steers nothing before the candidate accepts writes;
 * against a stand-in for HAProxy's admin socket answering a recorded {@code show stat} (HAProxy 2.6). The steering
 * itself runs against the real HAProxy in {@code TrafficOperationsSandboxTest}.
 */
class HaproxyWriteSteerTest {

    /** HAProxy 2.6's {@code show stat}, columns cut to the ones read, for the sandbox's two backends. */
    private static final String SHOW_STAT = """
            # pxname,svname,scur,weight,status,check_status,addr
            primary,FRONTEND,0,,OPEN,,
            primary,node1,8,1,UP,L7OK,10.0.0.1:5432
            primary,node2,0,1,DOWN,L7STS,10.0.0.2:5432
            primary,node3,0,1,DOWN,L7STS,10.0.0.3:5432
            primary,BACKEND,8,1,UP,,
            replicas,node1,0,1,DOWN,L7STS,10.0.0.1:5432
            replicas,node2,2,1,UP,L7OK,10.0.0.2:5432
            replicas,node3,1,1,UP,L7OK,10.0.0.3:5432
            """;

    @TempDir
    Path dir;
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private ServerSocketChannel server;
    private Thread acceptor;

    @BeforeEach
    void fakeHaproxy() throws IOException {
        Path socket = dir.resolve("haproxy.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        acceptor = new Thread(() -> {
            while (server.isOpen()) {
                try (SocketChannel c = server.accept()) {
                    ByteBuffer in = ByteBuffer.allocate(512);
                    while (in.position() == 0 || in.get(in.position() - 1) != '\n') {
                        c.read(in);
                    }
                    String command = new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII).strip();
                    commands.add(command);
                    c.write(ByteBuffer.wrap((command.equals("show stat") ? SHOW_STAT : "\n")
                            .getBytes(StandardCharsets.US_ASCII)));
                } catch (IOException e) {
                    return;
                }
            }
        }, "fake-haproxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        acceptor.join(2000);
    }

    @Test
    void steersOnlyTheBackendWhereTheLeaderAloneIsUp() throws Exception {
        HaproxyWriteSteer steer = steer(new PoolerTarget((h, p) -> {
            throw new SQLException("not needed");
        }));
        assertThat(steer.prepare(cluster("node1"), "node2"))
                .isEqualTo("will steer primary (node1 down, node2 up) once node2 accepts writes");
        assertThat(steer.readBack()).isEqualTo("primary/node2 DOWN, primary/node1 UP");
        assertThat(commands).containsOnly("show stat");
    }

    @Test
    void steersNothingWhileTheCandidateDoesNotAnswer() throws Exception {
        HaproxyWriteSteer steer = steer(new PoolerTarget((h, p) -> {
            throw new SQLException("connection refused", "08001");
        }));
        steer.prepare(cluster("node1"), "node2");
        assertThat(steer.steerOncePromoted(cluster("node1"), "node2", Duration.ofMillis(150), () -> false))
                .startsWith("HAProxy not steered: node2 did not accept writes within");
        assertThat(commands).containsOnly("show stat");
    }

    @Test
    void findsNothingToSteerWhenNoBackendRoutesToTheLeaderAlone() throws Exception {
        HaproxyWriteSteer steer = steer(new PoolerTarget((h, p) -> {
            throw new SQLException("not needed");
        }));
        // node2 leads according to Patroni, but HAProxy still routes writes to node1: not a state to steer from.
        assertThat(steer.prepare(cluster("node2"), "node3"))
                .isEqualTo("nothing to steer: no HAProxy backend routes to node2 alone");
        assertThat(steer.steerOncePromoted(cluster("node2"), "node3", Duration.ofSeconds(1), () -> false))
                .isEqualTo("HAProxy not steered: nothing to steer");
        assertThat(steer.readBack()).isEmpty();
    }

    private HaproxyWriteSteer steer(PoolerTarget direct) {
        return new HaproxyWriteSteer(new HaproxyRuntime(dir.resolve("haproxy.sock"), Duration.ofSeconds(2)), direct,
                Duration.ofMillis(20));
    }

    private static ClusterSnapshot cluster(String leader) {
        return ClusterSnapshot.builder("s", "demo").leader(leader).timeline(2)
                .members(List.of(member("node1", "10.0.0.1"), member("node2", "10.0.0.2"),
                        member("node3", "10.0.0.3")))
                .sources(Map.of()).observedAt(Instant.EPOCH).build();
    }

    private static Member member(String name, String host) {
        return Member.builder(name).role(MemberRole.REPLICA).host(host).port(5432).build();
    }
}
