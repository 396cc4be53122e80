package io.pilothouse.services.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Passes the first {@code burst} notifications of each {@code window} through one by one and folds the rest into
 * one summary at the window's end ("12 leader changes in 10 s"), so an estate where many clusters change at once
 * shows a handful of pop-ups instead of a pile that runs off the screen. A quiet estate sees every notification as
 * before. Never blocks: the summary is sent from {@code scheduler}.
 */
public final class AggregatingNotifier implements Notifier {

    /** The desktop's: 3 pop-ups per 10 s, the rest summed up. */
    public static final Duration WINDOW = Duration.ofSeconds(10);
    public static final int BURST = 3;

    private final Notifier downstream;
    private final ScheduledExecutorService scheduler;
    private final Duration window;
    private final int burst;

    private boolean open;
    private int passed;
    private final List<Notification> held = new ArrayList<>();

    public AggregatingNotifier(Notifier downstream, ScheduledExecutorService scheduler, Duration window, int burst) {
        this.downstream = downstream;
        this.scheduler = scheduler;
        this.window = window;
        this.burst = burst;
    }

    @Override
    public void notify(Notification n) {
        boolean pass;
        synchronized (this) {
            if (!open) {
                open = true;
                passed = 0;
                try {
                    scheduler.schedule(this::closeWindow, window.toMillis(), TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    open = false; // shutting down: nothing to sum up later, pass everything
                }
            }
            pass = !open || passed < burst;
            if (pass) {
                passed++;
            } else {
                held.add(n);
            }
        }
        if (pass) {
            downstream.notify(n);
        }
    }

    private void closeWindow() {
        List<Notification> sum;
        synchronized (this) {
            open = false;
            sum = List.copyOf(held);
            held.clear();
        }
        if (!sum.isEmpty()) {
            downstream.notify(summary(sum, window));
        }
    }

    /** One notification for {@code held}: counts by kind in the title, the clusters concerned in the message. */
    static Notification summary(List<Notification> held, Duration window) {
        int leaders = 0;
        int lost = 0;
        int other = 0;
        Set<String> clusters = new LinkedHashSet<>();
        Severity worst = Severity.INFO;
        for (Notification n : held) {
            String t = n.title();
            if (t.startsWith("Failover in ") || t.startsWith("Switchover in ")) {
                leaders++;
            } else if (t.startsWith("Member ") && t.contains(" lost in ")) {
                lost++;
            } else {
                other++;
            }
            int in = t.lastIndexOf(" in ");
            if (in >= 0) {
                clusters.add(t.substring(in + 4));
            }
            if (n.severity().ordinal() > worst.ordinal()) {
                worst = n.severity();
            }
        }
        List<String> parts = new ArrayList<>();
        if (leaders > 0) {
            parts.add(leaders + (leaders == 1 ? " leader change" : " leader changes"));
        }
        if (lost > 0) {
            parts.add(lost + (lost == 1 ? " member lost" : " members lost"));
        }
        if (other > 0) {
            parts.add(other + (other == 1 ? " other event" : " other events"));
        }
        List<String> names = new ArrayList<>(clusters);
        String shown = String.join(", ", names.subList(0, Math.min(5, names.size())))
                + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "");
        return new Notification(String.join(", ", parts) + " in " + window.toSeconds() + " s",
                "In " + shown + ". The history view lists each one.", worst);
    }
}
