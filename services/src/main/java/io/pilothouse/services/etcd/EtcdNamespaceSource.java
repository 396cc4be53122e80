package io.pilothouse.services.etcd;

/**
 * Something that reads the Patroni clusters under one etcd namespace and reports them to an
 * {@link EtcdNamespaceWatcher.Listener}: the long-lived watch ({@link EtcdNamespaceWatcher}, gRPC) or one read for a
 * one-shot command ({@link EtcdGatewayRead}, etcd's JSON gateway over the JDK's HTTP client).
 */
public interface EtcdNamespaceSource extends AutoCloseable {

    /** Starts reading in the background; returns at once. */
    void start();

    /**
     * True once etcd answered or refused outright (nothing listens, a certificate or a login that will not work): a
     * one-shot reader may stop waiting for it then. A silent etcd is not an answer.
     */
    boolean answered();

    /** The etcd endpoints and namespace, for messages. */
    String describe();

    @Override
    void close();
}
