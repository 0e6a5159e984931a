package com.perfectwork.mail.scheduling;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Looks for due actions every tick (and at once when woken) and runs each on a worker thread under
 * its lease. Actions of jobs this instance does not know are left alone.
 */
@Component
class ActionScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ActionScheduler.class);

    private final JdbcClient jdbc;
    private final ActionRunner runner;
    private final List<ScheduledJob> jobs;
    private final SchedulingSettings settings;
    private final Clock clock;
    private ScheduledExecutorService ticker;
    private ExecutorService workers;
    private volatile boolean running;

    ActionScheduler(
            JdbcClient jdbc, ActionRunner runner, List<ScheduledJob> jobs, SchedulingSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.runner = runner;
        this.jobs = jobs;
        this.settings = settings;
        this.clock = clock;
    }

    /** Creates the action of every job that has none yet (first start, or a job new in this version). */
    void register() {
        for (ScheduledJob job : jobs) {
            jdbc.sql("""
                    INSERT INTO scheduled_actions (code, name, interval_number, interval_type, next_call, active)
                    VALUES (?, ?, ?, ?, ?, TRUE) ON CONFLICT DO NOTHING""")
                    .params(
                            job.code(),
                            job.name(),
                            job.defaultInterval().number(),
                            job.defaultInterval().type().name().toLowerCase(Locale.ROOT),
                            ScheduledActions.utc(clock.instant()))
                    .update();
        }
    }

    /** Looks for due actions now instead of at the next tick. */
    void wake() {
        if (running) {
            ticker.execute(this::tick);
        }
    }

    private void tick() {
        try {
            List<ScheduledAction> due = jdbc.sql(
                            "SELECT id, code, name, interval_number, interval_type, next_call, active, "
                                    + "last_run_at, last_run_status, last_run_detail FROM scheduled_actions "
                                    + "WHERE active = TRUE AND next_call <= ? AND (lease_until IS NULL OR lease_until < ?)")
                    .params(ScheduledActions.utc(clock.instant()), ScheduledActions.utc(clock.instant()))
                    .query(ScheduledActions::map)
                    .list();
            due.stream()
                    .filter(action -> jobs.stream().anyMatch(job -> job.code().equals(action.code())))
                    .forEach(action -> workers.execute(() -> runner.run(action, true)));
        } catch (RuntimeException e) {
            log.warn("Could not look for due scheduled actions: {}", e.getMessage());
        }
    }

    /**
     * Registers the jobs' actions and starts ticking. Also called when a stopped context is started again,
     * so the threads are made anew each time.
     */
    @Override
    public void start() {
        register();
        if (settings.enabled()) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "scheduler-tick"));
            workers = Executors.newCachedThreadPool(r -> daemon(r, "scheduled-action"));
            running = true;
            ticker.scheduleWithFixedDelay(this::tick, 0, settings.tick().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() {
        running = false;
        ticker.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
