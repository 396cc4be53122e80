package io.pilothouse.services.alerts.outbound;

import io.pilothouse.services.alerts.AlertEvent;
import io.pilothouse.services.alerts.AlertsFeed;
import io.pilothouse.services.platform.PemTls;
import io.pilothouse.services.workspace.OutboundConfig;
import io.pilothouse.services.workspace.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The outbound targets of one workspace ({@code outbound:}), following an alerts feed: an Alertmanager and a webhook,
 * each with its own queue and worker. Listeners only queue, so the model thread never waits for a receiver.
 */
public final class OutboundAlerts implements AutoCloseable {

    /** Finds the secret of a target's login: pgpass (database {@code alertmanager} / {@code webhook}) or keyring. */
    @FunctionalInterface
    public interface Secrets {
        java.util.Optional<char[]> find(String host, int port, String database, String user);
    }

    private static final Logger LOG = LoggerFactory.getLogger(OutboundAlerts.class);

    private final List<DeliveryQueue> queues = new ArrayList<>();
    private final List<AutoCloseable> closers = new ArrayList<>();

    private OutboundAlerts() {
    }

    /** No target: nothing leaves the app. */
    public static OutboundAlerts none() {
        return new OutboundAlerts();
    }

    /**
     * Starts delivering {@code alerts}' events to the targets {@code workspace} names (none: nothing happens).
     *
     * @param workers   runs one long-lived delivery loop per target (an elastic pool)
     * @param scheduler runs Alertmanager's resend tick
     * @param backoff   waits between attempts; a target's {@code maxAttempts} overrides its attempt limit
     * @throws IllegalArgumentException in words, when a target's CA file cannot be used
     */
    public static OutboundAlerts start(Workspace workspace, AlertsFeed alerts, Secrets secrets, Executor workers,
                                       ScheduledExecutorService scheduler, Clock clock, Backoff backoff) {
        OutboundAlerts out = new OutboundAlerts();
        OutboundConfig config = workspace.outbound();
        if (config == null) {
            return out;
        }
        if (config.alertmanager() != null) {
            OutboundConfig.Target t = config.alertmanager();
            URI uri = URI.create(t.url().trim().replaceAll("/+$", "") + "/api/v2/alerts");
            DeliveryQueue queue = out.queue("alertmanager", t, uri, secrets, workers, clock, backoff);
            AlertmanagerForwarder forwarder = new AlertmanagerForwarder(alerts, queue,
                    Duration.ofSeconds(t.resendSecondsOrDefault()), clock).start(scheduler);
            out.follow(alerts, forwarder);
            out.closers.add(forwarder);
        }
        if (config.webhook() != null) {
            OutboundConfig.Target t = config.webhook();
            DeliveryQueue queue = out.queue("webhook", t, URI.create(t.url().trim()), secrets, workers, clock,
                    backoff);
            out.follow(alerts, e -> queue.offer(OutboundJson.webhook(workspace.name(), e)));
        }
        return out;
    }

    private DeliveryQueue queue(String name, OutboundConfig.Target t, URI uri, Secrets secrets, Executor workers,
                                Clock clock, Backoff backoff) {
        HttpSender sender = new HttpSender(uri, tls(name, t), new TargetAuthorization(name, t, uri, secrets));
        DeliveryQueue queue = new DeliveryQueue(name, uri.toString(), sender, t.queueOrDefault(),
                backoff.withMaxAttempts(t.maxAttempts() == null ? backoff.maxAttempts() : t.maxAttempts()),
                workers, clock);
        queues.add(queue);
        closers.add(queue);
        LOG.info("alerts go to {} at {}", name, uri);
        return queue;
    }

    private void follow(AlertsFeed alerts, Consumer<AlertEvent> listener) {
        closers.add(0, alerts.onEvent(listener));
    }

    private static SSLContext tls(String name, OutboundConfig.Target t) {
        if (t.cacert() == null || t.cacert().isBlank()) {
            return null;
        }
        try {
            return PemTls.context(List.of(java.nio.file.Path.of(t.cacert().trim())), false, List.of());
        } catch (PemTls.PemException e) {
            throw new IllegalArgumentException("outbound." + name + ".cacert: " + e.getMessage(), e);
        }
    }

    /** Each target's state now, Alertmanager first. */
    public List<DeliveryStatus> statuses() {
        return queues.stream().map(DeliveryQueue::status).toList();
    }

    /** Stops listening and delivering; what is queued is not sent. */
    @Override
    public void close() {
        for (AutoCloseable c : closers) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("closing an outbound target failed", e);
            }
        }
    }
}
