package com.perfectwork.mail.mailing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A mailing's progress, statistics and series, counted from its traces. */
@Component
public class MailingReports {

    /** At most this many steps in a series: the step grows with the mailing's age. */
    static final int MAX_STEPS = 120;

    private final MailingTraces traces;
    private final Mailings mailings;
    private final Clock clock;

    MailingReports(MailingTraces traces, Mailings mailings, Clock clock) {
        this.traces = traces;
        this.mailings = mailings;
        this.clock = clock;
    }

    public MailingProgress progress(long mailingId) {
        Map<String, Long> counts = traces.counts(mailingId);
        long sent = counts.getOrDefault("sent", 0L);
        long bounced = counts.getOrDefault("bounced", 0L);
        MailingProgress.Excluded excluded = new MailingProgress.Excluded(
                counts.getOrDefault("excluded:blacklisted", 0L),
                counts.getOrDefault("excluded:optedOut", 0L),
                counts.getOrDefault("excluded:duplicate", 0L),
                counts.getOrDefault("excluded:invalid", 0L));
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return new MailingProgress(
                total,
                counts.getOrDefault("queued", 0L),
                sent + bounced,
                sent,
                counts.getOrDefault("failed", 0L),
                bounced,
                counts.getOrDefault("canceled", 0L),
                excluded);
    }

    public MailingStats stats(long mailingId) {
        long delivered = traces.counts(mailingId).getOrDefault("sent", 0L);
        long[] actions = traces.actions(mailingId);
        return MailingStats.of(delivered, actions[0], actions[1], actions[2], actions[3]);
    }

    /**
     * Sent, opened and clicked per step from the mailing's start (when it went into the queue) until now; the step a
     * round number of minutes so that there are at most {@value #MAX_STEPS}. Empty before it is sent.
     */
    public MailingSeries series(long mailingId) {
        Mailing mailing = mailings.require(mailingId);
        List<Instant> sent = traces.instants(mailingId, "sent_at");
        Instant start = sent.stream().min(Instant::compareTo).orElse(null);
        if (start == null) {
            return new MailingSeries(60, List.of(), List.of(), List.of(), List.of());
        }
        Instant end = mailing.doneAt() != null && mailing.doneAt().isAfter(start) ? mailing.doneAt() : clock.instant();
        List<Instant> opened = traces.instants(mailingId, "opened_at");
        List<Instant> clicked = traces.instants(mailingId, "clicked_at");
        long from = start.getEpochSecond() / 60 * 60;
        long last = Math.max(end.getEpochSecond(), latest(opened, clicked, sent));
        long span = Math.max(60, last - from + 1);
        long step = Math.max(60, ((span + MAX_STEPS - 1) / MAX_STEPS + 59) / 60 * 60);
        int steps = (int) ((last - from) / step) + 1;
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            times.add(from + i * step);
        }
        return new MailingSeries(
                step,
                times,
                histogram(sent, from, step, steps),
                histogram(opened, from, step, steps),
                histogram(clicked, from, step, steps));
    }

    @SafeVarargs
    private static long latest(List<Instant>... lists) {
        long latest = 0;
        for (List<Instant> list : lists) {
            for (Instant at : list) {
                latest = Math.max(latest, at.getEpochSecond());
            }
        }
        return latest;
    }

    private static List<Long> histogram(List<Instant> instants, long from, long step, int steps) {
        long[] counts = new long[steps];
        for (Instant at : instants) {
            int index = (int) Math.max(0, Math.min(steps - 1, (at.getEpochSecond() - from) / step));
            counts[index]++;
        }
        List<Long> list = new ArrayList<>(steps);
        for (long count : counts) {
            list.add(count);
        }
        return list;
    }
}
