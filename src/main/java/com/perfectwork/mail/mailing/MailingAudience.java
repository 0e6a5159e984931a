package com.perfectwork.mail.mailing;

import com.perfectwork.mail.core.EmailAddress;
import java.time.Clock;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who a mailing to some lists reaches, and what a recipient's answer does to their lists.
 *
 * <p>A contact is <em>subscribed</em> to a set of lists when it is on at least one of them without having opted out
 * of it, and <em>opted out</em> of the set when it is on some of them and opted out of each (Odoo's rule: an opt-out
 * of one list does not keep a contact from a mailing to another list it is still subscribed to). Each contact comes
 * once whatever the number of its lists, in contact id order, read a page at a time (keyset pages, each one query),
 * so that a mailing to a hundred thousand contacts never holds them all.
 */
@Component
public class MailingAudience {

    /** Contacts per query while walking an audience. */
    public static final int PAGE_SIZE = 1000;

    private static final String SUBSCRIBED = "EXISTS (SELECT 1 FROM mailing_subscriptions s WHERE s.contact_id = c.id"
            + " AND s.list_id IN (:lists) AND NOT s.opted_out)";
    private static final String ON_LISTS =
            "EXISTS (SELECT 1 FROM mailing_subscriptions s WHERE s.contact_id = c.id AND s.list_id IN (:lists))";

    private final JdbcClient jdbc;
    private final Subscriptions subscriptions;
    private final Clock clock;

    MailingAudience(JdbcClient jdbc, Subscriptions subscriptions, Clock clock) {
        this.jdbc = jdbc;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    /**
     * The contacts subscribed to any of these lists, each once, in id order. The iterable reads lazily, a page of
     * {@value #PAGE_SIZE} at a time, each page after the last id of the one before: iterate it within one transaction
     * for a consistent audience, or without to see the lists as they are page by page (a contact added meanwhile with
     * a higher id is reached, one removed meanwhile is not). Every iteration starts again from the first contact.
     */
    public Iterable<AudienceContact> subscribed(Collection<Long> listIds) {
        return subscribed(listIds, 0);
    }

    /** {@link #subscribed(Collection)} from the contact after this id: a walk resumed where it stopped. */
    public Iterable<AudienceContact> subscribed(Collection<Long> listIds, long afterId) {
        return pages(listIds, SUBSCRIBED, afterId);
    }

    /**
     * The contacts on these lists that are subscribed to none of them (opted out of each they are on), each once, in
     * id order, read as {@link #subscribed} reads: the recipients a mailing leaves out as opted out.
     */
    public Iterable<AudienceContact> optedOut(Collection<Long> listIds) {
        return optedOut(listIds, 0);
    }

    /** {@link #optedOut(Collection)} from the contact after this id: a walk resumed where it stopped. */
    public Iterable<AudienceContact> optedOut(Collection<Long> listIds, long afterId) {
        return pages(listIds, ON_LISTS + " AND NOT " + SUBSCRIBED, afterId);
    }

    /** One page of {@link #subscribed}: up to {@code limit} contacts with an id above {@code afterId}. */
    public List<AudienceContact> subscribedPage(Collection<Long> listIds, long afterId, int limit) {
        return page(Set.copyOf(listIds), SUBSCRIBED, afterId, limit);
    }

    /** How many contacts {@link #subscribed} walks now. */
    public long countSubscribed(Collection<Long> listIds) {
        if (listIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("SELECT COUNT(*) FROM mailing_contacts c WHERE " + SUBSCRIBED)
                .param("lists", List.copyOf(Set.copyOf(listIds)))
                .query(Long.class)
                .single();
    }

    /**
     * The contact opts out of this list, or of every list it is on when {@code listId} is null. An opt-out of a list
     * it was not on puts it there, opted out, so that no import subscribes it later. Idempotent: how many of its
     * subscriptions changed (0 when it had opted out already, is on no list, or the contact or the list was deleted).
     */
    @Transactional
    public int optOut(long contactId, Long listId) {
        return listId == null
                ? subscriptions.optOutOfAll(contactId, clock.instant())
                : subscriptions.optOut(contactId, listId, true, clock.instant());
    }

    /**
     * The contact comes back to this list (the unsubscribe page's "come back"), subscribed whether it had opted out or
     * was not on it. Idempotent: whether its subscription changed (false too when the contact or the list was
     * deleted).
     */
    @Transactional
    public boolean optIn(long contactId, long listId) {
        return subscriptions.optOut(contactId, listId, false, clock.instant()) > 0;
    }

    /**
     * One more bounce for the contact with this address (normalized first); whether there is one. Mass mails that keep
     * bouncing end on the blacklist through the bounce module's rule, which counts every mail.
     */
    @Transactional
    public boolean countBounce(String email) {
        return EmailAddress.tryParse(email)
                .map(address -> jdbc.sql(
                                        "UPDATE mailing_contacts SET bounce_count = bounce_count + 1 WHERE email_normalized = ?")
                                .param(address.normalized())
                                .update()
                        > 0)
                .orElse(false);
    }

    private Iterable<AudienceContact> pages(Collection<Long> listIds, String condition, long afterId) {
        Set<Long> lists = new TreeSet<>(listIds);
        return () -> new Iterator<>() {
            private Iterator<AudienceContact> page = List.<AudienceContact>of().iterator();
            private long lastId = afterId;
            private boolean exhausted = lists.isEmpty();

            @Override
            public boolean hasNext() {
                if (!page.hasNext() && !exhausted) {
                    List<AudienceContact> next = page(lists, condition, lastId, PAGE_SIZE);
                    exhausted = next.size() < PAGE_SIZE;
                    if (!next.isEmpty()) {
                        lastId = next.get(next.size() - 1).contactId();
                    }
                    page = next.iterator();
                }
                return page.hasNext();
            }

            @Override
            public AudienceContact next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
    }

    private List<AudienceContact> page(Set<Long> lists, String condition, long afterId, int limit) {
        if (lists.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT c.id, c.name, c.email, c.email_normalized FROM mailing_contacts c WHERE c.id > :after"
                        + " AND " + condition + " ORDER BY c.id FETCH NEXT :limit ROWS ONLY")
                .param("after", afterId)
                .param("lists", List.copyOf(lists))
                .param("limit", limit)
                .query((rs, row) -> new AudienceContact(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getString("email"),
                        rs.getString("email_normalized")))
                .list();
    }
}
