package com.perfectwork.mail.bounce;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Every bounce with an address, kept for the auto-blacklist rule and for who bounced why. */
@Component
class BounceLog {

    private final JdbcClient jdbc;

    BounceLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(BounceReport report, Instant at) {
        jdbc.sql("""
                        INSERT INTO bounces (email, received_at, status_code, reason, hard, complaint, outgoing_mail_id,
                            diagnostic)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        report.email(),
                        OffsetDateTime.ofInstant(at, ZoneOffset.UTC),
                        report.statusCode(),
                        report.reason().code(),
                        report.hard(),
                        report.complaint(),
                        report.mailId(),
                        cut(report.diagnostic(), 2000))
                .update();
    }

    /** When the address bounced since then (complaints aside), oldest first. */
    List<Instant> since(String email, Instant since) {
        return jdbc.sql("""
                        SELECT received_at FROM bounces WHERE email = ? AND received_at >= ? AND NOT complaint
                        ORDER BY received_at""")
                .params(email, OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
                .query(BounceLog::instant)
                .list();
    }

    private static Instant instant(ResultSet rs, int row) throws SQLException {
        return rs.getObject(1, OffsetDateTime.class).toInstant();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
