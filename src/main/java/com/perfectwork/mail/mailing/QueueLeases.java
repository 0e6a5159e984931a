package com.perfectwork.mail.mailing;

import static com.perfectwork.mail.mailing.Mailings.utc;

import com.perfectwork.mail.mailing.QueuePosition.Phase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The leases on the queueing of sending mailings. A queueing is held by one holder (an instance's run of it) until
 * its lease lapses; each page of recipients extends the lease and records the position reached in the page's own
 * transaction, after taking the mailing's row: so the position is always the last committed page's, and once another
 * holder took a lapsed lease over, the former holder's next page finds it lost and writes nothing.
 */
@Component
class QueueLeases {

    private static final String HOST = host();

    private final JdbcClient jdbc;
    private final Duration lease;
    private final Clock clock;

    QueueLeases(JdbcClient jdbc, MailingSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.lease = settings.queueLease();
        this.clock = clock;
    }

    /** A new holder's name: the host, for an administrator reading the table, and a unique part. */
    String newHolder() {
        return HOST + "/" + UUID.randomUUID();
    }

    /** The mailing just started sending: the holder queues it from its first recipient. */
    void take(long mailingId, String holder) {
        jdbc.sql("UPDATE mailings SET queued_by = ?, queue_lease_until = ?, queue_phase = NULL, queue_after_id = 0,"
                        + " queue_after_partner = 0 WHERE id = ?")
                .params(holder, utc(clock.instant().plus(lease)), mailingId)
                .update();
    }

    /**
     * Extends the lease and records the position reached, in the page's transaction and before its rows; false when
     * the queueing is no longer the holder's (taken over after a lapse) or the mailing no longer sending (canceled).
     */
    boolean extend(long mailingId, String holder, QueuePosition reached) {
        return jdbc.sql("UPDATE mailings SET queue_lease_until = ?, queue_phase = ?, queue_after_id = ?,"
                                + " queue_after_partner = ? WHERE id = ? AND queued_by = ? AND state = 'sending'")
                        .params(
                                utc(clock.instant().plus(lease)),
                                reached.phase() == null ? null : reached.phase().name(),
                                reached.afterId(),
                                reached.afterPartnerId(),
                                mailingId,
                                holder)
                        .update()
                > 0;
    }

    /** The queueing is over (finished or canceled); false when another holder has it. */
    boolean release(long mailingId, String holder) {
        return jdbc.sql("UPDATE mailings SET queued_by = NULL, queue_lease_until = NULL WHERE id = ? AND queued_by = ?")
                        .params(mailingId, holder)
                        .update()
                > 0;
    }

    /** The sending mailings whose queueing stopped: its lease lapsed. */
    List<Long> lapsed() {
        return jdbc.sql("SELECT id FROM mailings WHERE state = 'sending' AND queued_by IS NOT NULL"
                        + " AND queue_lease_until < ? ORDER BY id")
                .param(utc(clock.instant()))
                .query(Long.class)
                .list();
    }

    /**
     * Takes a lapsed lease over; the position to resume from, or empty when the lease is not lapsed (any more), or the
     * mailing is no longer sending.
     */
    Optional<QueuePosition> takeOver(long mailingId, String holder) {
        boolean taken = jdbc.sql("UPDATE mailings SET queued_by = ?, queue_lease_until = ? WHERE id = ?"
                                + " AND state = 'sending' AND queued_by IS NOT NULL AND queue_lease_until < ?")
                        .params(holder, utc(clock.instant().plus(lease)), mailingId, utc(clock.instant()))
                        .update()
                > 0;
        if (!taken) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql(
                        "SELECT queue_phase, queue_after_id, queue_after_partner FROM mailings WHERE id = ?")
                .param(mailingId)
                .query((rs, row) -> new QueuePosition(
                        rs.getString(1) == null ? null : Phase.valueOf(rs.getString(1)), rs.getLong(2), rs.getLong(3)))
                .single());
    }

    /** The host and process, without a name look-up (which may wait on a badly configured resolver). */
    private static String host() {
        return System.getenv().getOrDefault("HOSTNAME", "instance") + ":"
                + ProcessHandle.current().pid();
    }
}
