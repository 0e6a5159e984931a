package com.perfectwork.mail.scheduling;

import java.time.Instant;

/**
 * A scheduled action as administrators see it. {@code lastRunStatus} is {@code ok}, {@code failed} or
 * {@code running}; {@code lastRunDetail} is the job's summary or the error.
 */
public record ScheduledAction(
        long id,
        String code,
        String name,
        Interval interval,
        Instant nextCall,
        boolean active,
        Instant lastRunAt,
        String lastRunStatus,
        String lastRunDetail) {}
