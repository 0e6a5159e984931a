package com.perfectwork.mail.outgoing;

import java.time.LocalDate;
import java.util.OptionalInt;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Mails accepted by SMTP servers per UTC day, and the daily limit ({@code mail.daily.limit}; 200 in hosted
 * mode). Quota is reserved before a group is sent and what was not used is given back, so several
 * runners never send more than the limit together.
 */
@Component
class DailyLimit {

    private final JdbcClient jdbc;

    DailyLimit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Reserves up to {@code wanted} mails of today's quota; returns how many may be sent. */
    @Transactional
    public int reserve(int wanted, LocalDate day, OptionalInt limit) {
        jdbc.sql("INSERT INTO mail_daily_counts (sent_on, sent) VALUES (?, 0) ON CONFLICT DO NOTHING")
                .param(day)
                .update();
        int sent = jdbc.sql("SELECT sent FROM mail_daily_counts WHERE sent_on = ? FOR UPDATE")
                .param(day)
                .query(Integer.class)
                .single();
        int granted = limit.isPresent() ? Math.max(0, Math.min(wanted, limit.getAsInt() - sent)) : wanted;
        if (granted > 0) {
            jdbc.sql("UPDATE mail_daily_counts SET sent = sent + ? WHERE sent_on = ?")
                    .params(granted, day)
                    .update();
        }
        return granted;
    }

    /** Gives back quota reserved for mails that were not accepted. */
    public void release(int unused, LocalDate day) {
        if (unused > 0) {
            jdbc.sql("UPDATE mail_daily_counts SET sent = sent - ? WHERE sent_on = ?")
                    .params(unused, day)
                    .update();
        }
    }

    public int sentOn(LocalDate day) {
        return jdbc.sql("SELECT sent FROM mail_daily_counts WHERE sent_on = ?")
                .param(day)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }
}
