package com.perfectwork.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;

/**
 * On a PostgreSQL server with autovacuum off (as the one tests run on here), the tables that changed are analyzed
 * by the server itself, so that no plan made while they were nearly empty stays; on H2, or with autovacuum on,
 * nothing runs.
 */
@ApiTest
class TableMaintenanceIT {

    @Autowired
    TableMaintenance maintenance;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void standsInForAutovacuumOnlyWhereItIsOff() throws Exception {
        String product = JdbcUtils.extractDatabaseMetaData(dataSource, meta -> meta.getDatabaseProductName());
        if (!product.toLowerCase().contains("postgres")) {
            assertThat(maintenance.isRunning())
                    .as("nothing to stand in for on H2")
                    .isFalse();
            return;
        }
        boolean autovacuumOff = "off"
                .equals(jdbc.sql("SELECT current_setting('autovacuum')")
                        .query(String.class)
                        .single());
        assertThat(maintenance.isRunning())
                .as("running where autovacuum is off")
                .isEqualTo(autovacuumOff);
        if (!autovacuumOff) {
            return;
        }
        long before = analyses("config_parameters");
        for (int i = 0; i < 120; i++) {
            jdbc.sql("INSERT INTO config_parameters (param_key, param_value, updated_at) VALUES (?, 'x', now())")
                    .param("test.maintenance." + System.nanoTime() + "." + i)
                    .update();
        }
        jdbc.sql("DELETE FROM config_parameters WHERE param_key LIKE 'test.maintenance.%'")
                .update();
        // the statistics collector sees the changes within seconds; the next round (or this one) analyzes the table
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    maintenance.maintain();
                    assertThat(analyses("config_parameters")).isGreaterThan(before);
                });
    }

    private long analyses(String table) {
        return jdbc.sql("SELECT analyze_count + autoanalyze_count FROM pg_stat_user_tables WHERE relname = ?")
                .param(table)
                .query(Long.class)
                .single();
    }
}
