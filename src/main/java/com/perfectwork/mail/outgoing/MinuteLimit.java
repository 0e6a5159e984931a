package com.perfectwork.mail.outgoing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Mails sent through each server per UTC minute, for the servers that set a rate per minute: quota is reserved
 * before a group is sent and what was not used is given back, so several runners (and instances) never send more
 * than the rate together, as {@link DailyLimit} does for the day.
 */
@Component
class MinuteLimit {

    /** Counts older than this are of no use any more, and deleted as a new minute begins. */
    private static final Duration KEPT = Duration.ofHours(1);

    private final JdbcClient jdbc;

    MinuteLimit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static Instant minuteOf(Instant now) {
        return now.truncatedTo(ChronoUnit.MINUTES);
    }

    /** Reserves up to {@code wanted} mails of the server's quota for the minute; returns how many may be sent. */
    @Transactional
    public int reserve(MailServer server, int wanted, Instant minute) {
        if (server.ratePerMinute() == null || server.id() == null || wanted == 0) {
            return wanted;
        }
        int created = jdbc.sql("INSERT INTO mail_minute_counts (mail_server_id, sent_minute, sent) VALUES (?, ?, 0)"
                        + " ON CONFLICT DO NOTHING")
                .params(server.id(), OutgoingMails.utc(minute))
                .update();
        if (created > 0) {
            jdbc.sql("DELETE FROM mail_minute_counts WHERE sent_minute < ?")
                    .param(OutgoingMails.utc(minute.minus(KEPT)))
                    .update();
        }
        int sent = jdbc.sql(
                        "SELECT sent FROM mail_minute_counts WHERE mail_server_id = ? AND sent_minute = ? FOR UPDATE")
                .params(server.id(), OutgoingMails.utc(minute))
                .query(Integer.class)
                .single();
        int granted = Math.max(0, Math.min(wanted, server.ratePerMinute() - sent));
        if (granted > 0) {
            jdbc.sql("UPDATE mail_minute_counts SET sent = sent + ? WHERE mail_server_id = ? AND sent_minute = ?")
                    .params(granted, server.id(), OutgoingMails.utc(minute))
                    .update();
        }
        return granted;
    }

    /** Gives back quota reserved for mails that were not accepted. */
    public void release(MailServer server, int unused, Instant minute) {
        if (server.ratePerMinute() != null && server.id() != null && unused > 0) {
            jdbc.sql("UPDATE mail_minute_counts SET sent = sent - ? WHERE mail_server_id = ? AND sent_minute = ?")
                    .params(unused, server.id(), OutgoingMails.utc(minute))
                    .update();
        }
    }
}
