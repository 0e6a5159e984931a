package com.perfectwork.mail.outgoing;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs the queue on its own thread of this instance, woken when mail is queued (and every minute by the
 * scheduled action). Wakes coalesce: a wake during a pass makes one more pass, never a pile. Several
 * instances run their own runners; claims keep them from sending a mail twice.
 */
@Component
class QueueRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(QueueRunner.class);
    private static final int ROUNDS_PER_PASS = 1000;

    /** A retry due sooner than this is woken for exactly; later ones are left to the scheduled action. */
    private static final Duration WAKE_AHEAD = Duration.ofMinutes(2);

    private final DeliveryWorker worker;
    private final OutgoingMails mails;
    private final Clock clock;
    private volatile ScheduledExecutorService thread;
    private final AtomicBoolean wanted = new AtomicBoolean();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean running;

    QueueRunner(DeliveryWorker worker, OutgoingMails mails, Clock clock) {
        this.worker = worker;
        this.mails = mails;
        this.clock = clock;
    }

    /** Asks for a pass soon; returns at once. */
    void wake() {
        wanted.set(true);
        if (running && scheduled.compareAndSet(false, true)) {
            thread.execute(this::drain);
        }
    }

    /**
     * Wakes the runner once the current transaction has committed: a pass started before the commit would
     * not see the mails just queued, and nothing would wake it again until the next scheduled call.
     */
    void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake();
                }
            });
        } else {
            wake();
        }
    }

    /** Runs a pass in the caller's thread (process now, the scheduled action). */
    PassReport runNow() {
        return worker.runPass(ROUNDS_PER_PASS);
    }

    private void drain() {
        try {
            while (running && wanted.getAndSet(false)) {
                PassReport report = worker.runPass(ROUNDS_PER_PASS);
                if (!report.empty()) {
                    log.info("Mail queue pass: {}", report);
                }
            }
        } catch (RuntimeException e) {
            log.error("Mail queue pass failed; the next wake or the scheduled action tries again", e);
        } finally {
            scheduled.set(false);
            if (wanted.get() && running) {
                wake();
            } else {
                wakeForNextRetry();
            }
        }
    }

    /**
     * A mail deferred for a minute goes after a minute, not at the scheduled action's next call; and the mails
     * of a runner that died go once its claim lapses.
     */
    private void wakeForNextRetry() {
        try {
            mails.nextDue().ifPresent(due -> {
                Duration wait = Duration.between(clock.instant(), due);
                if (running && wait.compareTo(WAKE_AHEAD) < 0) {
                    thread.schedule(this::wake, Math.max(0, wait.toMillis()) + 50, TimeUnit.MILLISECONDS);
                }
            });
        } catch (RuntimeException e) {
            log.warn("Cannot look for the next retry: {}", e.getMessage());
        }
    }

    /** Starts (or, after a stop, starts again) with a new thread. */
    @Override
    public void start() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "mail-queue");
            t.setDaemon(true);
            return t;
        });
        // a stop drops the wakes scheduled for later retries instead of waiting for them
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        thread = executor;
        scheduled.set(false);
        running = true;
        wake(); // mails may have been queued while stopped
    }

    @Override
    public void stop() {
        running = false;
        thread.shutdown();
        try {
            thread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
