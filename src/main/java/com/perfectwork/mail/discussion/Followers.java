package com.perfectwork.mail.discussion;

import com.perfectwork.mail.core.UnknownIdException;
import com.perfectwork.mail.directory.Partner;
import com.perfectwork.mail.directory.Partners;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Who follows which record. Following twice is following once. */
@Component
public class Followers {

    private final JdbcClient jdbc;
    private final Records records;
    private final Partners partners;
    private final Clock clock;

    Followers(JdbcClient jdbc, Records records, Partners partners, Clock clock) {
        this.jdbc = jdbc;
        this.records = records;
        this.partners = partners;
        this.clock = clock;
    }

    public List<Follower> of(long recordId) {
        records.require(recordId);
        return jdbc.sql("""
                        SELECT p.id, p.name, p.email FROM followers f JOIN partners p ON p.id = f.partner_id
                        WHERE f.record_id = ? ORDER BY f.created_at, p.id""")
                .param(recordId)
                .query((rs, n) -> new Follower(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    /** Whether the partner follows the record: what lets a user who is not an administrator open it. */
    public boolean follows(long recordId, long partnerId) {
        return jdbc.sql("SELECT COUNT(*) FROM followers WHERE record_id = ? AND partner_id = ?")
                        .params(recordId, partnerId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Makes a partner follow a record; idempotent. */
    @Transactional
    public Follower add(long recordId, long partnerId) {
        records.require(recordId);
        Partner partner = partners.require(partnerId);
        follow(recordId, partnerId);
        return new Follower(partner.id(), partner.name(), partner.email());
    }

    /** Finds the partner by normalized email, or creates it with this name, and makes it follow. */
    @Transactional
    public Follower add(long recordId, String name, String email) {
        records.require(recordId);
        Partner partner = partners.findOrCreate(name, email);
        follow(recordId, partner.id());
        return new Follower(partner.id(), partner.name(), partner.email());
    }

    @Transactional
    public void remove(long recordId, long partnerId) {
        records.require(recordId);
        if (jdbc.sql("DELETE FROM followers WHERE record_id = ? AND partner_id = ?")
                        .params(recordId, partnerId)
                        .update()
                == 0) {
            throw new UnknownIdException("follower", partnerId);
        }
    }

    /** Idempotent even when two requests race: the second insert does nothing. */
    void follow(long recordId, long partnerId) {
        jdbc.sql("INSERT INTO followers (record_id, partner_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(recordId, partnerId, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .update();
    }
}
