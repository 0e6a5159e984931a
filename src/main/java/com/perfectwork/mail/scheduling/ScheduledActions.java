package com.perfectwork.mail.scheduling;

import com.perfectwork.mail.core.ConflictException;
import com.perfectwork.mail.core.UnknownIdException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The scheduled actions: list, change, run now, wake. */
@Component
public class ScheduledActions {

    private static final String COLUMNS = """
            id, code, name, interval_number, interval_type, next_call, active, last_run_at, last_run_status, last_run_detail""";

    private final JdbcClient jdbc;
    private final ActionRunner runner;
    private final ActionScheduler scheduler;
    private final Clock clock;

    ScheduledActions(JdbcClient jdbc, ActionRunner runner, ActionScheduler scheduler, Clock clock) {
        this.jdbc = jdbc;
        this.runner = runner;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    public List<ScheduledAction> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM scheduled_actions ORDER BY name, id")
                .query(ScheduledActions::map)
                .list();
    }

    public Optional<ScheduledAction> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM scheduled_actions WHERE id = ?")
                .param(id)
                .query(ScheduledActions::map)
                .optional();
    }

    public ScheduledAction require(long id) {
        return find(id).orElseThrow(() -> new UnknownIdException("scheduled action", id));
    }

    public Optional<ScheduledAction> findByCode(String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM scheduled_actions WHERE code = ?")
                .param(code)
                .query(ScheduledActions::map)
                .optional();
    }

    /** Changes the interval, the next call or the active flag; a null argument is left as it is. */
    @Transactional
    public ScheduledAction update(long id, Interval interval, Instant nextCall, Boolean active) {
        ScheduledAction current = require(id);
        Interval newInterval = interval == null ? current.interval() : interval;
        jdbc.sql(
                        "UPDATE scheduled_actions SET interval_number = ?, interval_type = ?, next_call = ?, active = ? WHERE id = ?")
                .params(
                        newInterval.number(),
                        newInterval.type().name().toLowerCase(Locale.ROOT),
                        utc(nextCall == null ? current.nextCall() : nextCall),
                        active == null ? current.active() : active,
                        id)
                .update();
        scheduler.wake();
        return require(id);
    }

    /**
     * Runs the action now, in the caller's thread ("Run Manually"), whether it is active or not; its next
     * call is left as it is. A {@link ConflictException} when it is running right now on some instance.
     */
    public ScheduledAction runNow(long id) {
        ScheduledAction action = require(id);
        if (!runner.run(action, false)) {
            throw new ConflictException("'" + action.name() + "' is running right now; try again when it has finished");
        }
        return require(id);
    }

    /** Makes an action due now and wakes the scheduler: for a job that has work waiting (a new mail queued). */
    public void trigger(String code) {
        jdbc.sql("UPDATE scheduled_actions SET next_call = ? WHERE code = ? AND active = TRUE AND next_call > ?")
                .params(utc(clock.instant()), code, utc(clock.instant()))
                .update();
        scheduler.wake();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static ScheduledAction map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime lastRun = rs.getObject("last_run_at", OffsetDateTime.class);
        return new ScheduledAction(
                rs.getLong("id"),
                rs.getString("code"),
                rs.getString("name"),
                new Interval(
                        rs.getInt("interval_number"),
                        IntervalType.valueOf(rs.getString("interval_type").toUpperCase(Locale.ROOT))),
                rs.getObject("next_call", OffsetDateTime.class).toInstant(),
                rs.getBoolean("active"),
                lastRun == null ? null : lastRun.toInstant(),
                rs.getString("last_run_status"),
                rs.getString("last_run_detail"));
    }
}
