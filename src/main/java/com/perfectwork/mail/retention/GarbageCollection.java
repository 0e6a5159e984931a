package com.perfectwork.mail.retention;

import com.perfectwork.mail.bounce.BounceRetention;
import com.perfectwork.mail.inbound.InboundRetention;
import com.perfectwork.mail.outgoing.QueueRetention;
import com.perfectwork.mail.scheduling.Interval;
import com.perfectwork.mail.scheduling.IntervalType;
import com.perfectwork.mail.scheduling.ScheduledJob;
import com.perfectwork.mail.storage.OrphanFiles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.IntUnaryOperator;
import org.springframework.stereotype.Component;

/**
 * The scheduled action "Mail: Garbage Collection": each module deletes its own rows that have served their time, in
 * batches of {@value #BATCH} rows, each a statement committed on its own (no long transaction, no table lock: the
 * queue keeps sending meanwhile); then the files no row refers to any more go. One instance runs it at a time (the
 * action's lease); a run stops after {@link #BUDGET}, well within that lease, and the next run goes on.
 */
@Component
class GarbageCollection implements ScheduledJob {

    static final int BATCH = 1000;
    static final Duration BUDGET = Duration.ofMinutes(10);

    private final RetentionPeriods periods;
    private final QueueRetention queue;
    private final InboundRetention inbound;
    private final BounceRetention bounces;
    private final OrphanFiles files;
    private final Clock clock;

    GarbageCollection(
            RetentionPeriods periods,
            QueueRetention queue,
            InboundRetention inbound,
            BounceRetention bounces,
            OrphanFiles files,
            Clock clock) {
        this.periods = periods;
        this.queue = queue;
        this.inbound = inbound;
        this.bounces = bounces;
        this.files = files;
        this.clock = clock;
    }

    @Override
    public String code() {
        return "mail_gc";
    }

    @Override
    public String name() {
        return "Mail: Garbage Collection";
    }

    @Override
    public Interval defaultInterval() {
        return new Interval(1, IntervalType.DAYS);
    }

    /** The steps in order: rows first, so that the files they held are collected in the same run. */
    @Override
    public String run() {
        Instant now = clock.instant();
        Instant deadline = now.plus(BUDGET);
        Duration queueDays = periods.queue();
        Duration inboundDays = periods.inbound();
        Deleted mails = inBatches(deadline, limit -> queue.deleteBatch(now.minus(queueDays), limit));
        Deleted templates = inBatches(deadline, limit -> queue.deleteBulkMessages(now.minus(queueDays), limit));
        Deleted received = inBatches(deadline, limit -> inbound.deleteBatch(now.minus(inboundDays), limit));
        Deleted bounced = inBatches(deadline, limit -> bounces.deleteBatch(now.minus(inboundDays), limit));
        OrphanFiles.Swept swept = files.collect(deadline);
        boolean finished = mails.finished()
                && templates.finished()
                && received.finished()
                && bounced.finished()
                && swept.finished();
        return String.format(
                Locale.ROOT,
                "deleted %d sent or canceled mails and %d mass mail templates older than %d days, %d processed received"
                        + " mails and %d bounces"
                        + " older than %d days, %d files no longer referenced (%s)%s",
                mails.rows(),
                templates.rows(),
                queueDays.toDays(),
                received.rows(),
                bounced.rows(),
                inboundDays.toDays(),
                swept.files(),
                megabytes(swept.bytes()),
                finished ? "" : "; stopped after " + BUDGET.toMinutes() + " minutes, the next run goes on");
    }

    private record Deleted(int rows, boolean finished) {}

    /** Deletes batch after batch until one comes back short, or the deadline has passed. */
    private Deleted inBatches(Instant deadline, IntUnaryOperator batch) {
        int rows = 0;
        while (clock.instant().isBefore(deadline)) {
            int deleted = batch.applyAsInt(BATCH);
            rows += deleted;
            if (deleted < BATCH) {
                return new Deleted(rows, true);
            }
        }
        return new Deleted(rows, false);
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
