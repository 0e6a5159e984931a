package com.perfectwork.mail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Component;

/**
 * Stands in for PostgreSQL's autovacuum when a server runs with it off: every {@value #CHECK_SECONDS} seconds
 * the tables of this database that changed by a tenth since they were last analyzed are analyzed, and those with
 * a fifth of dead rows vacuumed, with autovacuum's own default thresholds, each table at most once a minute. Does
 * nothing on H2, or when autovacuum is on.
 *
 * <p>Why: the queue, the inbound log and the threads grow from empty and churn fast. PostgreSQL keeps the plan of
 * a prepared statement made from the statistics it had, until the table is analyzed again; without autovacuum
 * that never happens, and a plan made while a table held a few rows (a sequential scan) stays for good: a look-up
 * by Message-ID read the whole messages table, 4 ms instead of 0.05 ms at 10 000 messages, and the queue's claim
 * read every dead row of its index. Planning every statement afresh instead ({@code plan_cache_mode =
 * force_custom_plan}) avoided that but doubled the database's time per received mail.
 *
 * <p>Several instances on one database take turns through an advisory lock: one of them does the work.
 */
@Component
class TableMaintenance implements SmartLifecycle {

    static final int CHECK_SECONDS = 10;
    private static final Logger log = LoggerFactory.getLogger(TableMaintenance.class);
    /** pg_try_advisory_lock key: "pwm-maint" as a number, shared by every instance. */
    private static final long LOCK = 0x70776d2d6d61696eL;

    /**
     * Autovacuum's default thresholds, and at most one round a minute per table (autovacuum visits a database once a
     * minute): a table that fills from empty is analyzed within seconds of its first rows, and a large one is not
     * analyzed again and again while it grows (an ANALYZE of a queue of 200 000 rows took most of a second).
     */
    private static final String DUE = """
            SELECT relname, n_dead_tup > 50 + 0.2 * GREATEST(n_live_tup, 0) AS vacuum_due
            FROM pg_stat_user_tables
            WHERE schemaname = current_schema()
              AND (n_mod_since_analyze > 50 + 0.1 * GREATEST(n_live_tup, 0)
                   OR n_dead_tup > 50 + 0.2 * GREATEST(n_live_tup, 0))
              AND GREATEST(last_analyze, last_vacuum, last_autoanalyze, last_autovacuum, '-infinity')
                  < now() - interval '1 minute'""";

    private final DataSource dataSource;
    private volatile ScheduledExecutorService thread;

    TableMaintenance(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void start() {
        if (!neededHere()) {
            return;
        }
        log.warn(
                "Autovacuum is off on this PostgreSQL server: Perfectwork Mail analyzes and vacuums its own tables"
                        + " every {} s when they changed enough (turn autovacuum on to leave it to PostgreSQL)",
                CHECK_SECONDS);
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "table-maintenance");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::maintain, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
    }

    /** PostgreSQL with autovacuum off; false on H2, or when the check itself fails (nothing to stand in for). */
    private boolean neededHere() {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource, meta -> meta.getDatabaseProductName());
            if (!product.toLowerCase().contains("postgres")) {
                return false;
            }
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet setting = statement.executeQuery("SELECT current_setting('autovacuum')")) {
                return setting.next() && "off".equals(setting.getString(1));
            }
        } catch (Exception e) {
            log.warn("Cannot tell whether autovacuum is on: {}", e.getMessage());
            return false;
        }
    }

    /** One round: the tables due, each analyzed or vacuumed (VACUUM analyzes too), outside any transaction. */
    void maintain() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                if (!locked(statement)) {
                    return; // another instance is at it
                }
                try {
                    for (String command : due(statement)) {
                        statement.execute(command);
                    }
                } finally {
                    statement.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
                }
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("Table maintenance failed; it is tried again in {} s: {}", CHECK_SECONDS, e.getMessage());
        }
    }

    private static boolean locked(Statement statement) throws SQLException {
        try (ResultSet lock = statement.executeQuery("SELECT pg_try_advisory_lock(" + LOCK + ")")) {
            return lock.next() && lock.getBoolean(1);
        }
    }

    private static List<String> due(Statement statement) throws SQLException {
        List<String> commands = new ArrayList<>();
        try (ResultSet tables = statement.executeQuery(DUE)) {
            while (tables.next()) {
                // a name from the catalog, quoted as an identifier
                String table = '"' + tables.getString(1).replace("\"", "\"\"") + '"';
                commands.add((tables.getBoolean(2) ? "VACUUM (ANALYZE) " : "ANALYZE ") + table);
            }
        }
        return commands;
    }

    @Override
    public void stop() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
