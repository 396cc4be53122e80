package io.pilothouse.services.hosts;

import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.agent.common.AbstractAgentProxy;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * The user's ssh-agent over its UNIX socket ({@code SSH_AUTH_SOCK}). MINA's own agent client needs the native
 * Tomcat APR library; Java 16+ speaks UNIX sockets itself, and the agent protocol is length-prefixed messages, so
 * this is the whole client: MINA's {@link AbstractAgentProxy} builds and reads the messages.
 */
final class AgentSocket extends AbstractAgentProxy {

    private static final int MAX_MESSAGE = 256 * 1024;

    private final SocketChannel channel;

    private AgentSocket(Path socket) throws IOException {
        super(null);
        this.channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
    }

    /** True when an agent answers on {@code socket}. */
    static boolean reachable(Path socket) {
        try (AgentSocket agent = new AgentSocket(socket)) {
            agent.getIdentities();
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A factory MINA asks for an agent client when it tries public keys; no forwarding is offered. */
    static SshAgentFactory factory(Path socket) {
        return new SshAgentFactory() {
            @Override
            public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
                return List.of();
            }

            @Override
            public SshAgent createClient(Session session, FactoryManager manager) throws IOException {
                return new AgentSocket(socket);
            }

            @Override
            public SshAgentServer createServer(ConnectionService service) {
                throw new UnsupportedOperationException("Pilothouse does not forward the ssh-agent");
            }
        };
    }

    @Override
    protected synchronized Buffer request(Buffer buffer) throws IOException {
        channel.write(ByteBuffer.wrap(buffer.array(), buffer.rpos(), buffer.available()));
        ByteBuffer length = readFully(4);
        int size = length.getInt(0);
        if (size <= 0 || size > MAX_MESSAGE) {
            throw new IOException("the ssh-agent sent a message of " + size + " bytes");
        }
        return new ByteArrayBuffer(readFully(size).array());
    }

    private ByteBuffer readFully(int size) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(size);
        while (bytes.hasRemaining()) {
            if (channel.read(bytes) < 0) {
                throw new IOException("the ssh-agent closed its socket");
            }
        }
        return bytes;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            channel.close();
        }
    }
}
