package com.perfectwork.mail.outgoing;

import java.time.Clock;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Keeps this instance's claims alive while they are sent: every third of {@code perfectwork.mail.queue.claim-lease},
 * one UPDATE per claim, on a thread of its own, so that a slow server (or a long claim) never lets a claim lapse
 * under a live runner. The lease itself can then be short: the claims of an instance that died are taken up by the
 * others (or by it once restarted) within seconds.
 */
@Component
class ClaimHeartbeat implements DisposableBean {

    private final OutgoingMails mails;
    private final OutgoingSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "mail-claim-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    ClaimHeartbeat(OutgoingMails mails, OutgoingSettings settings, Clock clock) {
        this.mails = mails;
        this.settings = settings;
        this.clock = clock;
    }

    /** Holds a claim just made on these mails, extended until the returned lease is closed. */
    ClaimLease hold(Claim claim, Collection<Long> ids) {
        ClaimLease lease = new ClaimLease(claim, ids, settings.queue().claimLease(), mails, clock);
        long every = Math.max(1, ClaimLease.beat(settings.queue().claimLease()).toMillis());
        ScheduledFuture<?> beat = beats.scheduleWithFixedDelay(lease::extend, every, every, TimeUnit.MILLISECONDS);
        lease.whenClosed(() -> beat.cancel(false));
        return lease;
    }

    @Override
    public void destroy() {
        beats.shutdownNow();
    }
}
