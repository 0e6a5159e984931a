package com.perfectwork.mail.mailing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who is on which list, opted out or not. An opt-out keeps the subscription, with its time, so that adding the contact
 * to the list again (an import, a form) finds it opted out and leaves it so; only an opt-in brings it back.
 */
@Component
class Subscriptions {

    /** A contact's lists: those it is on, and those of them it opted out of. */
    record Memberships(List<Long> listIds, List<Long> optedOutListIds) {
        static final Memberships NONE = new Memberships(List.of(), List.of());
    }

    private final JdbcClient jdbc;

    Subscriptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The lists of these contacts (a page of them, within an IN list), by contact id; none for contacts on none. */
    Map<Long, Memberships> of(Collection<Long> contactIds) {
        Map<Long, List<Long>> lists = new HashMap<>();
        Map<Long, List<Long>> optedOut = new HashMap<>();
        if (!contactIds.isEmpty()) {
            jdbc.sql("SELECT contact_id, list_id, opted_out FROM mailing_subscriptions WHERE contact_id IN (:ids)"
                            + " ORDER BY contact_id, list_id")
                    .param("ids", List.copyOf(contactIds))
                    .query(rs -> {
                        long contact = rs.getLong("contact_id");
                        lists.computeIfAbsent(contact, id -> new ArrayList<>()).add(rs.getLong("list_id"));
                        if (rs.getBoolean("opted_out")) {
                            optedOut.computeIfAbsent(contact, id -> new ArrayList<>())
                                    .add(rs.getLong("list_id"));
                        }
                    });
        }
        Map<Long, Memberships> memberships = new HashMap<>();
        lists.forEach((contact, ids) ->
                memberships.put(contact, new Memberships(ids, optedOut.getOrDefault(contact, List.of()))));
        return memberships;
    }

    /**
     * Puts the contact on exactly these lists, opted out of {@code optedOut} (a subset) and subscribed to the others:
     * it leaves the lists not named, and a list whose opt-out changes records when.
     */
    void set(long contactId, Set<Long> listIds, Set<Long> optedOut, Instant now) {
        Memberships current = of(List.of(contactId)).getOrDefault(contactId, Memberships.NONE);
        for (Long listId : current.listIds()) {
            if (!listIds.contains(listId)) {
                jdbc.sql("DELETE FROM mailing_subscriptions WHERE list_id = ? AND contact_id = ?")
                        .params(listId, contactId)
                        .update();
            }
        }
        for (Long listId : listIds) {
            boolean out = optedOut.contains(listId);
            if (!current.listIds().contains(listId)) {
                jdbc.sql("INSERT INTO mailing_subscriptions (list_id, contact_id, opted_out, opted_out_at, created_at)"
                                + " VALUES (?, ?, ?, ?, ?)")
                        .params(listId, contactId, out, out ? utc(now) : null, utc(now))
                        .update();
            } else if (current.optedOutListIds().contains(listId) != out) {
                optOut(contactId, listId, out, now);
            }
        }
    }

    /**
     * Opts the contact out of the list ({@code out} true) or back in, putting it on the list first when it was not on
     * it; how many subscriptions changed (0 when it was so already, or the list or the contact no longer exists).
     */
    int optOut(long contactId, long listId, boolean out, Instant now) {
        int changed = jdbc.sql("UPDATE mailing_subscriptions SET opted_out = ?, opted_out_at = ?"
                        + " WHERE list_id = ? AND contact_id = ? AND opted_out <> ?")
                .params(out, out ? utc(now) : null, listId, contactId, out)
                .update();
        if (changed > 0 || subscribed(contactId, listId) || !exist(contactId, listId)) {
            return changed;
        }
        return jdbc.sql("INSERT INTO mailing_subscriptions (list_id, contact_id, opted_out, opted_out_at, created_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(listId, contactId, out, out ? utc(now) : null, utc(now))
                .update();
    }

    private boolean subscribed(long contactId, long listId) {
        return jdbc.sql("SELECT COUNT(*) FROM mailing_subscriptions WHERE list_id = ? AND contact_id = ?")
                        .params(listId, contactId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private boolean exist(long contactId, long listId) {
        return jdbc.sql("SELECT (SELECT COUNT(*) FROM mailing_lists WHERE id = ?)"
                                + " + (SELECT COUNT(*) FROM mailing_contacts WHERE id = ?)")
                        .params(listId, contactId)
                        .query(Long.class)
                        .single()
                == 2;
    }

    /** Opts the contact out of every list it is on; how many subscriptions changed. */
    int optOutOfAll(long contactId, Instant now) {
        return jdbc.sql("UPDATE mailing_subscriptions SET opted_out = TRUE, opted_out_at = ?"
                        + " WHERE contact_id = ? AND NOT opted_out")
                .params(utc(now), contactId)
                .update();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
