package com.perfectwork.mail.scheduling;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Runs one action under a lease. The lease is taken by one conditional UPDATE, so of several instances
 * (or a manual run racing the scheduler) exactly one wins; a lease left by a crashed instance expires
 * after {@code perfectwork.scheduling.lease}.
 */
@Component
class ActionRunner {

    private static final Logger log = LoggerFactory.getLogger(ActionRunner.class);
    private static final int MAX_DETAIL = 4000;

    private final JdbcClient jdbc;
    private final Map<String, ScheduledJob> jobs;
    private final SchedulingSettings settings;
    private final Clock clock;
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    ActionRunner(JdbcClient jdbc, List<ScheduledJob> jobs, SchedulingSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.jobs = jobs.stream().collect(Collectors.toMap(ScheduledJob::code, Function.identity()));
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Runs the action if its lease can be taken; false when it is running elsewhere. A scheduled run
     * moves the next call past now by whole intervals; a manual run leaves it.
     */
    boolean run(ScheduledAction action, boolean scheduled) {
        if (!claim(action.id(), clock.instant())) {
            return false;
        }
        String status = "ok";
        String detail;
        try {
            ScheduledJob job = jobs.get(action.code());
            if (job == null) {
                throw new IllegalStateException("no job '" + action.code() + "' on this server version");
            }
            detail = job.run();
        } catch (Exception e) {
            status = "failed";
            detail = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.error("Scheduled action '{}' failed", action.name(), e);
        }
        release(action, scheduled, status, detail);
        return true;
    }

    private boolean claim(long id, Instant now) {
        return jdbc.sql("""
                        UPDATE scheduled_actions SET lease_owner = ?, lease_until = ?, last_run_status = 'running'
                        WHERE id = ? AND (lease_until IS NULL OR lease_until < ?)""")
                        .params(owner, ScheduledActions.utc(now.plus(settings.lease())), id, ScheduledActions.utc(now))
                        .update()
                == 1;
    }

    private void release(ScheduledAction action, boolean scheduled, String status, String detail) {
        Instant now = clock.instant();
        Instant next = scheduled ? nextCallAfter(action.nextCall(), action.interval(), now) : null;
        String sql =
                "UPDATE scheduled_actions SET lease_owner = NULL, lease_until = NULL, last_run_at = ?, last_run_status = ?, "
                        + "last_run_detail = ?" + (next != null ? ", next_call = ?" : "")
                        + " WHERE id = ? AND lease_owner = ?";
        JdbcClient.StatementSpec update =
                jdbc.sql(sql).param(ScheduledActions.utc(now)).param(status).param(truncate(detail));
        if (next != null) {
            update = update.param(ScheduledActions.utc(next));
        }
        update.param(action.id()).param(owner).update();
    }

    /** Whole intervals from the previous next call, so that "every hour at :15" stays at :15. */
    static Instant nextCallAfter(Instant previous, Interval interval, Instant now) {
        long elapsed = Math.max(0, now.toEpochMilli() - previous.toEpochMilli());
        Instant next = previous.plus(
                interval.duration().multipliedBy(elapsed / interval.duration().toMillis() + 1));
        while (!next.isAfter(now)) {
            next = next.plus(interval.duration());
        }
        return next;
    }

    private static String truncate(String detail) {
        return detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
    }
}
