package com.perfectwork.mail.inbound;

import com.zaxxer.hikari.HikariConfigMXBean;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * How many received mails a receiver processes at once. Processing holds a database connection: a receiver takes
 * no more than its share of the pool, and a mail that finds every slot taken is answered at once to try again
 * later, rather than waiting for a connection with every other session, without bound.
 */
final class ProcessingSlots {

    /** The pool of a data source that does not say its size: Spring Boot's default for HikariCP. */
    private static final int DEFAULT_POOL = 10;

    private final Semaphore free;

    ProcessingSlots(int size) {
        this.free = new Semaphore(size);
    }

    /**
     * {@code configured} slots, or ({@code 0}) as many as the database pool has connections: more mails at once
     * would only wait for a connection.
     */
    static ProcessingSlots fitting(int configured, DataSource database) {
        return new ProcessingSlots(configured > 0 ? configured : poolSize(database));
    }

    /** Whether every slot is taken now. */
    boolean full() {
        return free.availablePermits() == 0;
    }

    /** Does the work in a slot if one is free now; empty, without doing it, when none is. */
    <T> Optional<T> ifFree(Supplier<T> work) {
        if (!free.tryAcquire()) {
            return Optional.empty();
        }
        try {
            return Optional.of(work.get());
        } finally {
            free.release();
        }
    }

    private static int poolSize(DataSource database) {
        try {
            if (database.isWrapperFor(HikariConfigMXBean.class)) {
                return database.unwrap(HikariConfigMXBean.class).getMaximumPoolSize();
            }
        } catch (SQLException e) {
            // a data source that cannot say: the default pool
        }
        return DEFAULT_POOL;
    }
}
