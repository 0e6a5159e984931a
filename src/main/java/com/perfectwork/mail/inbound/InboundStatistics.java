package com.perfectwork.mail.inbound;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What became of the mail received since a moment, per outcome: the dashboard's inbound figures. */
@Component
public class InboundStatistics {

    private final JdbcClient jdbc;

    InboundStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every outcome, with zero where none. */
    public Map<InboundOutcome, Long> since(Instant from) {
        Map<InboundOutcome, Long> counts = new EnumMap<>(InboundOutcome.class);
        for (InboundOutcome outcome : InboundOutcome.values()) {
            counts.put(outcome, 0L);
        }
        jdbc.sql("SELECT outcome, COUNT(*) FROM inbound_mails WHERE received_at >= ? GROUP BY outcome")
                .param(from.atOffset(ZoneOffset.UTC))
                .query(rs -> {
                    counts.put(InboundOutcome.of(rs.getString(1)), rs.getLong(2));
                });
        return counts;
    }
}
