package io.pilothouse.services.sandbox;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code DIR/etcd.yml}. A config file rather than flags so that {@code startEtcd} can
 * restart the same server (same ports, same data) from the file alone.
 */
final class EtcdConfigWriter {

    static final String MEMBER_NAME = "sandbox";

    private EtcdConfigWriter() {}

    static void write(SandboxPlan plan) {
        PrivateFiles.write(plan.layout().etcdConfig(), render(plan), PrivateFiles.WORLD_READABLE);
    }

    static String render(SandboxPlan plan) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", MEMBER_NAME);
        config.put("data-dir", plan.layout().etcdData().toString());
        config.put("listen-client-urls", plan.etcdUrl());
        config.put("advertise-client-urls", plan.etcdUrl());
        config.put("listen-peer-urls", plan.etcdPeerUrl());
        config.put("initial-advertise-peer-urls", plan.etcdPeerUrl());
        config.put("initial-cluster", MEMBER_NAME + "=" + plan.etcdPeerUrl());
        // Ignored once the data directory exists, which is what a restart needs.
        config.put("initial-cluster-state", "new");
        config.put("initial-cluster-token", "pilothouse-" + plan.spec().scope() + "-" + plan.etcdClientPort());
        // Patroni's etcd3 client speaks JSON to the gRPC gateway; etcd 3.4 leaves the gateway off
        // when configured from a file, unlike with flags.
        config.put("enable-grpc-gateway", true);
        config.put("enable-v2", false);
        if (plan.spec().tls()) {
            // Every client presents a certificate the sandbox CA signed; the gateway dials the server with the
            // server certificate, which is why it also carries clientAuth.
            Path tls = plan.layout().tlsDir();
            Map<String, Object> security = new LinkedHashMap<>();
            security.put("cert-file", tls.resolve(SandboxTls.SERVER_CERT).toString());
            security.put("key-file", tls.resolve(SandboxTls.SERVER_KEY).toString());
            security.put("client-cert-auth", true);
            security.put("trusted-ca-file", tls.resolve(SandboxTls.CA_CERT).toString());
            config.put("client-transport-security", security);
        }
        config.put("logger", "zap");
        config.put("log-outputs", List.of("stderr"));
        return SandboxYaml.render(config);
    }
}
