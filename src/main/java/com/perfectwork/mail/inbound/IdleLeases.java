package com.perfectwork.mail.inbound;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which instance holds a server's IDLE connection: a lease on the server's row, taken by one conditional
 * UPDATE so that of several instances on one database exactly one wins, renewed while held, and taken over
 * by another once it has expired (its holder stopped or crashed).
 */
@Component
class IdleLeases {

    private final JdbcClient jdbc;
    private final ImapIdleSettings settings;
    private final Clock clock;
    private final String owner;

    IdleLeases(JdbcClient jdbc, ImapIdleSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
        this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Takes the lease if nobody holds it, it has expired, or this instance holds it already. */
    boolean take(long serverId) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        UPDATE incoming_servers SET idle_owner = ?, idle_until = ?
                        WHERE id = ? AND (idle_owner IS NULL OR idle_owner = ? OR idle_until < ?)""")
                        .params(owner, utc(now.plus(settings.lease())), serverId, owner, utc(now))
                        .update()
                == 1;
    }

    /** Extends a lease this instance holds; false when it is no longer held (expired and taken, or deleted). */
    boolean renew(long serverId) {
        return jdbc.sql("UPDATE incoming_servers SET idle_until = ? WHERE id = ? AND idle_owner = ?")
                        .params(utc(clock.instant().plus(settings.lease())), serverId, owner)
                        .update()
                == 1;
    }

    void release(long serverId) {
        jdbc.sql("UPDATE incoming_servers SET idle_owner = NULL, idle_until = NULL WHERE id = ? AND idle_owner = ?")
                .params(serverId, owner)
                .update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
