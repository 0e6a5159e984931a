package com.perfectwork.mail;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Has the PostgreSQL driver send a batch of inserts as multi-row inserts ({@code reWriteBatchedInserts}): a comment
 * to 10 000 followers queues its 10 000 mails in the posting transaction, as 20 statements instead of 10 000. An
 * administrator's own setting of the property (in the URL, or {@code spring.datasource.hikari.data-source-properties})
 * is kept.
 */
@Component
class PostgresBatching implements BeanPostProcessor {

    static final String PROPERTY = "reWriteBatchedInserts";

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool
                && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().startsWith("jdbc:postgresql:")
                && !pool.getJdbcUrl().contains(PROPERTY)
                && !pool.getDataSourceProperties().containsKey(PROPERTY)) {
            pool.addDataSourceProperty(PROPERTY, "true");
        }
        return bean;
    }
}
