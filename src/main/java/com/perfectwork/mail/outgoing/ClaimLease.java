package com.perfectwork.mail.outgoing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One claim while its mails are planned and sent. The {@link ClaimHeartbeat} extends it every third of the lease,
 * in one statement for all its mails whose outcome is not written yet, and a mail is sent only while the claim is
 * known to hold it:
 *
 * <ul>
 *   <li>the last extension (or the claim itself) holds for at least another third of the lease: when the heartbeat
 *       cannot reach the database the claim runs out, and sending stops before another runner may take the mails;
 *   <li>the last extension found the mail still claimed: a mail another runner took over (the claim had lapsed), an
 *       administrator canceled or put back in the queue is no longer this claim's to send.
 * </ul>
 *
 * Writing outcomes and extending exclude each other (a read-write lock: outcomes of several connections are written
 * together, an extension alone), so that an extension knows exactly how many rows it must find still claimed.
 */
final class ClaimLease implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClaimLease.class);

    private final String token;
    private final Duration lease;
    private final OutgoingMails mails;
    private final Clock clock;
    /** The claimed mails whose outcome is not written yet. */
    private final Set<Long> unrecorded = ConcurrentHashMap.newKeySet();

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile Instant heldUntil;
    private volatile boolean closed;
    private volatile boolean lapseLogged;
    private volatile Runnable onClose = () -> {};

    ClaimLease(Claim claim, Collection<Long> ids, Duration lease, OutgoingMails mails, Clock clock) {
        this.token = claim.token();
        this.lease = lease;
        this.mails = mails;
        this.clock = clock;
        this.unrecorded.addAll(ids);
        this.heldUntil = claim.at().plus(lease);
    }

    /** How often the heartbeat extends a claim, and how much of the lease must be left to send a mail. */
    static Duration beat(Duration lease) {
        return lease.dividedBy(3);
    }

    /**
     * True when the mail may be sent now: the claim holds it for at least another third of the lease. False for
     * good once the mail is no longer this claim's; false meanwhile when the heartbeat is late.
     */
    boolean maySend(long mailId) {
        if (closed || !unrecorded.contains(mailId)) {
            return false;
        }
        boolean inTime = clock.instant().isBefore(heldUntil.minus(beat(lease)));
        if (!inTime && !lapseLogged) {
            lapseLogged = true;
            log.warn(
                    "Claim {} was not extended in time (database slow or out of reach?): its {} unsent mails are left"
                            + " for the next claim once it lapses at {}",
                    token,
                    unrecorded.size(),
                    heldUntil);
        }
        return inTime;
    }

    /**
     * Extends the claim on its mails still unrecorded, in one UPDATE; run by the heartbeat. When it finds fewer of
     * them claimed than it should, it reads which are still its own and lets go of the others: they are not sent.
     */
    void extend() {
        lock.writeLock().lock();
        try {
            if (closed || unrecorded.isEmpty()) {
                return;
            }
            Instant until = clock.instant().plus(lease);
            int extended = mails.extend(token, unrecorded, until);
            if (extended < unrecorded.size()) {
                Set<Long> own = mails.stillClaimed(token, unrecorded);
                log.warn(
                        "Claim {} lost {} of its {} unsent mails (taken over by another runner after a lapse, canceled"
                                + " or put back in the queue): it does not send them",
                        token,
                        unrecorded.size() - own.size(),
                        unrecorded.size());
                unrecorded.retainAll(own);
            }
            heldUntil = until;
            lapseLogged = false;
        } catch (RuntimeException e) {
            log.warn("Cannot extend claim {} ({}); its mails are sent only until {}", token, e.getMessage(), heldUntil);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Writes the outcomes of these mails ({@code write}, one transaction) while no extension runs, and from then on
     * leaves them out of the claim's extensions: their rows no longer carry the claim.
     */
    <T> T recording(Collection<Long> ids, Supplier<T> write) {
        lock.readLock().lock();
        try {
            T written = write.get();
            unrecorded.removeAll(ids);
            return written;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Puts back in the queue, at once, the mails of the claim that were not sent (they gave way to transactional
     * mail, or the claim had lost them), instead of leaving them until the claim lapses. Only once every mail sent has
     * its outcome written: a mail sent but not recorded (the database failed) must stay claimed until the lapse.
     */
    void letGoOfTheUnsent() {
        List<Long> unsent = List.copyOf(unrecorded);
        if (unsent.isEmpty()) {
            return;
        }
        try {
            recording(unsent, () -> mails.release(token, unsent));
        } catch (RuntimeException e) {
            log.warn(
                    "Cannot put back claim {}'s {} unsent mails ({}): they are due again once it lapses",
                    token,
                    unsent.size(),
                    e.getMessage());
        }
    }

    void whenClosed(Runnable action) {
        this.onClose = action;
    }

    /** Ends the heartbeat; mails still unrecorded (a failure while writing) are taken up once the claim lapses. */
    @Override
    public void close() {
        closed = true;
        onClose.run();
    }
}
