package com.perfectwork.mail;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Plans every PostgreSQL statement with its parameters and the tables as they are now
 * ({@code plan_cache_mode = force_custom_plan}), instead of the generic plan PostgreSQL keeps for a prepared
 * statement after a few executions.
 *
 * <p>Why: the tables of this server start empty and fill fast (a new installation taking its first burst of
 * mail, the queue, the inbound log). A generic plan made while a table held a few rows is a sequential scan, and
 * it is kept until the next automatic ANALYZE of the table invalidates it: until then a look-up by Message-ID
 * read the whole messages table (4 ms instead of 0.05 ms at 10 000 messages) and marking 50 notifications sent
 * took 28 ms. Planning the simple statements used here costs some tens of microseconds each. The embedded H2
 * database has no such cache.
 */
@Component
class PostgresPlanning implements BeanPostProcessor {

    static final String SETTING = "SET plan_cache_mode = force_custom_plan";

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool
                && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().startsWith("jdbc:postgresql:")
                && pool.getConnectionInitSql() == null) {
            pool.setConnectionInitSql(SETTING);
        }
        return bean;
    }
}
