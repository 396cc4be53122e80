package io.pilothouse.services.alerts.outbound;

import io.pilothouse.services.alerts.Alert;
import io.pilothouse.services.alerts.AlertEvent;
import io.pilothouse.services.alerts.AlertsFeed;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Alerts to an Alertmanager, as Prometheus sends them: a raised alert at once, then every firing alert again each
 * {@code resend} (Alertmanager forgets an alert whose {@code endsAt} passes), each with {@code endsAt} four resend
 * periods ahead so that Alertmanager resolves them by itself if Pilothouse stops; a cleared alert at once with
 * {@code endsAt} = when it cleared, which resolves it.
 */
public final class AlertmanagerForwarder implements Consumer<AlertEvent>, AutoCloseable {

    private final AlertsFeed alerts;
    private final DeliveryQueue queue;
    private final Duration resend;
    private final Clock clock;
    private ScheduledFuture<?> tick;

    public AlertmanagerForwarder(AlertsFeed alerts, DeliveryQueue queue, Duration resend, Clock clock) {
        this.alerts = alerts;
        this.queue = queue;
        this.resend = resend;
        this.clock = clock;
    }

    /** Re-sends the firing alerts every {@code resend} on {@code scheduler}, starting one period from now. */
    public synchronized AlertmanagerForwarder start(ScheduledExecutorService scheduler) {
        long ms = resend.toMillis();
        tick = scheduler.scheduleAtFixedRate(this::resendFiring, ms, ms, TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void accept(AlertEvent event) {
        if (event.type() == AlertEvent.Type.ALERT_RAISED) {
            queue.offer(OutboundJson.alertmanager(List.of(event.alert()), a -> expiry()));
        } else {
            queue.offer(OutboundJson.alertmanager(List.of(event.alert()), a -> event.at()));
        }
    }

    /** Sends every firing alert again (the tick calls this). */
    public void resendFiring() {
        List<Alert> firing = alerts.latest().alerts();
        if (!firing.isEmpty()) {
            queue.offer(OutboundJson.alertmanager(firing, a -> expiry()));
        }
    }

    private java.time.Instant expiry() {
        return clock.instant().plus(resend.multipliedBy(4));
    }

    @Override
    public synchronized void close() {
        if (tick != null) {
            tick.cancel(false);
        }
        queue.close();
    }
}
