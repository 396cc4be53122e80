package io.pilothouse.services.alerts.outbound;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Deliveries to one receiver, in order, on one worker: {@link #offer(String)} never blocks (the alert model calls
 * it); a full queue drops its oldest delivery, counts it and says so in the log; a failed attempt is retried after an
 * exponential back-off while the receiver does not answer or answers 5xx/408/429, and given up after the last attempt
 * or at once on another 4xx (sending the same request again cannot help).
 */
public final class DeliveryQueue implements AutoCloseable {

    /** Sends one body; never throws (a failure is a result). */
    @FunctionalInterface
    public interface Sender {
        DeliveryResult send(String body);
    }

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueue.class);
    private static final Duration DROP_LOG_EVERY = Duration.ofSeconds(60);

    private final String target;
    private final String url;
    private final Sender sender;
    private final int capacity;
    private final Backoff backoff;
    private final Clock clock;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private boolean closed;
    private Instant lastAttempt;
    private String lastResult;
    private Instant lastDelivered;
    private long delivered;
    private long failed;
    private long dropped;
    private Instant lastDropLogged;

    /**
     * @param target   {@code alertmanager} or {@code webhook}, for the status and the log
     * @param url      where it posts, for the status and the log
     * @param capacity deliveries that may wait
     * @param worker   runs the one delivery loop until {@link #close()} (a thread is held for the queue's life)
     */
    public DeliveryQueue(String target, String url, Sender sender, int capacity, Backoff backoff, Executor worker,
                         Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.target = target;
        this.url = url;
        this.sender = sender;
        this.capacity = capacity;
        this.backoff = backoff;
        this.clock = clock;
        worker.execute(this::run);
    }

    /** Queues {@code body}; returns at once. When the queue is full its oldest delivery is dropped (and counted). */
    public void offer(String body) {
        boolean logDrop = false;
        long droppedNow;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (queue.size() >= capacity) {
                queue.pollFirst();
                dropped++;
                Instant now = clock.instant();
                if (lastDropLogged == null || !now.isBefore(lastDropLogged.plus(DROP_LOG_EVERY))) {
                    lastDropLogged = now;
                    logDrop = true;
                }
            }
            queue.addLast(body);
            droppedNow = dropped;
            notifyAll();
        }
        if (logDrop) {
            LOG.warn("{} at {}: queue full ({} waiting), oldest alert delivery dropped; {} dropped so far",
                    target, url, capacity, droppedNow);
        }
    }

    /** Where this target stands now. */
    public synchronized DeliveryStatus status() {
        return new DeliveryStatus(target, url, lastAttempt, lastResult, lastDelivered, delivered, failed, dropped,
                queue.size());
    }

    private void run() {
        while (true) {
            String body;
            synchronized (this) {
                while (queue.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                body = queue.pollFirst();
            }
            deliver(body);
        }
    }

    private void deliver(String body) {
        for (int attempt = 1; ; attempt++) {
            DeliveryResult result = sender.send(body);
            boolean giveUp = !result.delivered() && (!result.retryable() || attempt >= backoff.maxAttempts());
            synchronized (this) {
                lastAttempt = clock.instant();
                lastResult = result.detail() + (attempt > 1 ? " (attempt " + attempt + ")" : "");
                if (result.delivered()) {
                    lastDelivered = lastAttempt;
                    delivered++;
                } else if (giveUp) {
                    failed++;
                }
            }
            if (result.delivered()) {
                return;
            }
            if (giveUp) {
                LOG.warn("{} at {}: alert delivery given up after {} attempt(s): {}", target, url, attempt,
                        result.detail());
                return;
            }
            Duration wait = backoff.after(attempt);
            LOG.info("{} at {}: {}; trying again in {} ms", target, url, result.detail(), wait.toMillis());
            try {
                if (closing.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops the worker; what is still queued is not sent. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        closing.countDown();
    }
}
