package com.perfectwork.mail.mailing;

import com.perfectwork.mail.core.ConflictException;
import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.core.SearchText;
import com.perfectwork.mail.core.UnknownIdException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The contacts of Email Marketing, one per normalized address, each on any number of lists. A second contact with an
 * address that one has already is refused ({@link ConflictException}): the import updates the existing one instead.
 */
@Component
public class MailingContacts {

    static final int MAX_NAME_LENGTH = 255;

    private static final String COLUMNS = "c.id, c.name, c.email, c.email_normalized, c.bounce_count, c.created_at";

    private final JdbcClient jdbc;
    private final Subscriptions subscriptions;
    private final MailingLists lists;
    private final Clock clock;

    MailingContacts(JdbcClient jdbc, Subscriptions subscriptions, MailingLists lists, Clock clock) {
        this.jdbc = jdbc;
        this.subscriptions = subscriptions;
        this.lists = lists;
        this.clock = clock;
    }

    /**
     * Creates a contact on the draft's lists. The name defaults to the address's display name, else none.
     *
     * @throws InvalidInputException naming {@code name}, {@code email}, {@code listIds} or {@code optedOutListIds}
     * @throws ConflictException when a contact has this address already
     */
    @Transactional
    public MailingContact create(ContactDraft draft) {
        EmailAddress address = EmailAddress.parse(draft.email(), "email");
        String name = name(draft.name()).orElse(address.displayName());
        refuseTaken(address, null);
        Instant now = clock.instant();
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO mailing_contacts (name, email, email_normalized, bounce_count, created_at)"
                        + " VALUES (?, ?, ?, 0, ?)")
                .params(name, address.address(), address.normalized(), Subscriptions.utc(now))
                .update(key, "id");
        long id = key.getKeyAs(Long.class);
        setLists(id, draft, Set.of(), Set.of(), now);
        return require(id);
    }

    /**
     * Changes a contact: each field of the draft that is not null.
     *
     * @throws UnknownIdException when there is no such contact
     * @throws InvalidInputException naming the field at fault
     * @throws ConflictException when another contact has the new address
     */
    @Transactional
    public MailingContact update(long id, ContactDraft draft) {
        MailingContact current = require(id);
        String name = draft.name() == null ? current.name() : name(draft.name()).orElse(null);
        String email = current.email();
        String normalized = current.emailNormalized();
        if (draft.email() != null) {
            EmailAddress address = EmailAddress.parse(draft.email(), "email");
            refuseTaken(address, id);
            email = address.address();
            normalized = address.normalized();
        }
        jdbc.sql("UPDATE mailing_contacts SET name = ?, email = ?, email_normalized = ? WHERE id = ?")
                .params(name, email, normalized, id)
                .update();
        setLists(
                id, draft, new HashSet<>(current.listIds()), new HashSet<>(current.optedOutListIds()), clock.instant());
        return require(id);
    }

    /** Deletes the contact and its subscriptions; @throws UnknownIdException when there is no such contact. */
    @Transactional
    public void delete(long id) {
        if (jdbc.sql("DELETE FROM mailing_contacts WHERE id = ?").param(id).update() == 0) {
            throw new UnknownIdException("mailing contact", id);
        }
    }

    public Optional<MailingContact> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM mailing_contacts c WHERE c.id = ?")
                .param(id)
                .query(MailingContacts::map)
                .optional()
                .map(contact -> withLists(List.of(contact)).get(0));
    }

    /** The contact, or {@link UnknownIdException}. */
    public MailingContact require(long id) {
        return find(id).orElseThrow(() -> new UnknownIdException("mailing contact", id));
    }

    /** The contact with this address (normalized first), if any. */
    public Optional<MailingContact> findByEmail(String email) {
        return EmailAddress.tryParse(email)
                .flatMap(address -> jdbc.sql("SELECT c.id FROM mailing_contacts c WHERE c.email_normalized = ?")
                        .param(address.normalized())
                        .query(Long.class)
                        .optional())
                .flatMap(this::find);
    }

    /**
     * A page of contacts in id order (the order they came in), with their lists. {@code listId} (optional) keeps
     * those on that list, opted out or not; {@code search} (optional) is a piece of the name or the address.
     */
    public List<MailingContact> list(int offset, int limit, Long listId, String search) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>(Map.of("offset", offset, "limit", limit));
        if (listId != null) {
            where.append(" AND EXISTS (SELECT 1 FROM mailing_subscriptions s WHERE s.contact_id = c.id"
                    + " AND s.list_id = :listId)");
            params.put("listId", listId);
        }
        SearchText text = new SearchText(search);
        if (!text.isEmpty()) {
            where.append(" AND (LOWER(c.name) LIKE :pattern" + SearchText.ESCAPE
                    + " OR c.email_normalized LIKE :pattern" + SearchText.ESCAPE + ")");
            params.put("pattern", text.likePattern());
        }
        return withLists(jdbc.sql("SELECT " + COLUMNS + " FROM mailing_contacts c" + where
                        + " ORDER BY c.id OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY")
                .params(params)
                .query(MailingContacts::map)
                .list());
    }

    /**
     * Puts the contact on the draft's lists, keeping {@code lists} and {@code optedOut} (its current ones) where the
     * draft says nothing.
     */
    private void setLists(long id, ContactDraft draft, Set<Long> lists, Set<Long> optedOut, Instant now) {
        if (draft.listIds() == null && draft.optedOutListIds() == null) {
            return;
        }
        Set<Long> out = draft.optedOutListIds() == null ? new HashSet<>(optedOut) : draft.optedOutListIds();
        Set<Long> on = new HashSet<>(draft.listIds() == null ? lists : draft.listIds());
        if (draft.listIds() != null && draft.optedOutListIds() == null) {
            out.retainAll(on);
        }
        on.addAll(out);
        this.lists.requireAll(draft.listIds() == null ? Set.of() : draft.listIds(), "listIds");
        this.lists.requireAll(draft.optedOutListIds() == null ? Set.of() : draft.optedOutListIds(), "optedOutListIds");
        subscriptions.set(id, on, out, now);
    }

    private void refuseTaken(EmailAddress address, Long except) {
        jdbc.sql("SELECT id FROM mailing_contacts WHERE email_normalized = ?")
                .param(address.normalized())
                .query(Long.class)
                .optional()
                .filter(id -> !id.equals(except))
                .ifPresent(id -> {
                    throw new ConflictException("contact " + id + " has the address " + address.normalized());
                });
    }

    private List<MailingContact> withLists(List<MailingContact> contacts) {
        Map<Long, Subscriptions.Memberships> memberships =
                subscriptions.of(contacts.stream().map(MailingContact::id).toList());
        return contacts.stream()
                .map(contact -> {
                    Subscriptions.Memberships lists =
                            memberships.getOrDefault(contact.id(), Subscriptions.Memberships.NONE);
                    return contact.with(lists.listIds(), lists.optedOutListIds());
                })
                .toList();
    }

    /** The name stripped, none when blank. */
    static Optional<String> name(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String stripped = name.strip();
        if (stripped.length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException("name", "must be at most " + MAX_NAME_LENGTH + " characters");
        }
        return Optional.of(stripped);
    }

    private static MailingContact map(ResultSet rs, int row) throws SQLException {
        return new MailingContact(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("email"),
                rs.getString("email_normalized"),
                rs.getInt("bounce_count"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                List.of(),
                List.of());
    }
}
