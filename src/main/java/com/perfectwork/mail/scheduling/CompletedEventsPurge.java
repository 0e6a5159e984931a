package com.perfectwork.mail.scheduling;

import java.time.Duration;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.stereotype.Component;

/**
 * Keeps the event publication registry small: completed publications are kept a week (to answer
 * "did the outgoing side get this message?") and then deleted. Incomplete ones are never touched:
 * they are the events still owed to a listener.
 */
@Component
class CompletedEventsPurge implements ScheduledJob {

    static final Duration KEEP = Duration.ofDays(7);

    private final CompletedEventPublications completed;

    CompletedEventsPurge(CompletedEventPublications completed) {
        this.completed = completed;
    }

    @Override
    public String code() {
        return "event_publication_purge";
    }

    @Override
    public String name() {
        return "System: Purge Completed Events";
    }

    @Override
    public Interval defaultInterval() {
        return new Interval(1, IntervalType.DAYS);
    }

    @Override
    public String run() {
        completed.deletePublicationsOlderThan(KEEP);
        return "deleted completed event publications older than " + KEEP.toDays() + " days";
    }
}
