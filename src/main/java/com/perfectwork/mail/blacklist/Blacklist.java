package com.perfectwork.mail.blacklist;

import com.perfectwork.mail.core.ConflictException;
import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.core.SearchText;
import com.perfectwork.mail.core.UnknownIdException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The blacklist: one entry per normalized address, never deleted. Removing an address keeps its entry inactive
 * with a note, so that the log still tells who blacklisted it, who released it and why; adding it again
 * re-activates the same entry.
 */
@Component
public class Blacklist {

    /** Shorter than a note, so that a note quoting the reason ("Blacklisted by …: reason") fits in one. */
    static final int MAX_REASON_LENGTH = 1000;

    static final int MAX_NOTE_LENGTH = 4000;

    /** Addresses per IN list: within every driver's limit of bind variables. */
    static final int LOOKUP_CHUNK = 1000;

    private static final String COLUMNS = "id, email, active, reason, created_at";

    private final JdbcClient jdbc;
    private final BlacklistNotes notes;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Blacklist(JdbcClient jdbc, BlacklistNotes notes, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.notes = notes;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Blacklists an address for {@code reason}, writing {@code note} to its log: a new entry, the inactive entry
     * activated again, or, already blacklisted, the same entry with the new reason. Publishes
     * {@link AddressBlacklisted} in this transaction when the address was not blacklisted before.
     *
     * <p>Concurrent calls for one address do not fail: the entry is inserted if missing (inactive, a conflicting
     * insert does nothing), then locked, so that the calls take turns and the first alone activates it.
     *
     * @throws InvalidInputException naming {@code email}, {@code reason} or {@code note}
     */
    @Transactional
    public Blacklisting add(String email, String reason, String note) {
        String address = EmailAddress.parse(email, "email").normalized();
        String why = required(reason, "reason", MAX_REASON_LENGTH);
        String body = required(note, "note", MAX_NOTE_LENGTH);
        OffsetDateTime now = now();
        boolean inserted = insertIfMissing(address, why, now);
        BlacklistEntry locked = lockByEmail(address);
        jdbc.sql("UPDATE blacklist_entries SET active = TRUE, reason = ?, updated_at = ? WHERE id = ?")
                .params(why, now, locked.id())
                .update();
        notes.add(locked.id(), body, now);
        if (!locked.active()) {
            events.publishEvent(new AddressBlacklisted(address, why));
        }
        Blacklisting.Change change = inserted
                ? Blacklisting.Change.CREATED
                : locked.active() ? Blacklisting.Change.ALREADY_ACTIVE : Blacklisting.Change.REACTIVATED;
        return new Blacklisting(require(locked.id()), change);
    }

    /** Inserts the address's entry, inactive, unless it exists or a concurrent call inserts it first. */
    private boolean insertIfMissing(String address, String reason, OffsetDateTime now) {
        return jdbc.sql("INSERT INTO blacklist_entries (email, active, reason, created_at, updated_at)"
                                + " VALUES (?, FALSE, ?, ?, ?) ON CONFLICT DO NOTHING")
                        .params(address, reason, now, now)
                        .update()
                == 1;
    }

    private BlacklistEntry lockByEmail(String address) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM blacklist_entries WHERE email = ? FOR UPDATE")
                .param(address)
                .query(Blacklist::map)
                .single();
    }

    /**
     * Releases an address: its entry stays, inactive, with {@code note} in its log.
     *
     * @throws UnknownIdException when there is no such entry
     * @throws ConflictException when the address is not blacklisted (removed already)
     */
    @Transactional
    public BlacklistEntry remove(long id, String note) {
        String body = required(note, "note", MAX_NOTE_LENGTH);
        BlacklistEntry locked = jdbc.sql("SELECT " + COLUMNS + " FROM blacklist_entries WHERE id = ? FOR UPDATE")
                .param(id)
                .query(Blacklist::map)
                .optional()
                .orElseThrow(() -> new UnknownIdException("blacklist entry", id));
        if (!locked.active()) {
            throw new ConflictException(locked.email() + " is not blacklisted (removed already)");
        }
        OffsetDateTime now = now();
        jdbc.sql("UPDATE blacklist_entries SET active = FALSE, updated_at = ? WHERE id = ?")
                .params(now, id)
                .update();
        notes.add(id, body, now);
        return require(id);
    }

    /** Whether this address (normalized first; an invalid one never is) is blacklisted now. */
    public boolean isBlacklisted(String email) {
        return EmailAddress.tryParse(email)
                .map(address -> jdbc.sql("SELECT COUNT(*) FROM blacklist_entries WHERE email = ? AND active")
                                .param(address.normalized())
                                .query(Long.class)
                                .single()
                        > 0)
                .orElse(false);
    }

    /**
     * Which of these normalized addresses are blacklisted now: one query per {@value #LOOKUP_CHUNK} distinct
     * addresses, none for an empty collection.
     */
    public Set<String> blacklistedAmong(Collection<String> normalizedEmails) {
        List<String> distinct = new HashSet<>(normalizedEmails).stream().toList();
        Set<String> blacklisted = new HashSet<>();
        for (int from = 0; from < distinct.size(); from += LOOKUP_CHUNK) {
            blacklisted.addAll(jdbc.sql("SELECT email FROM blacklist_entries WHERE active AND email IN (:emails)")
                    .param("emails", distinct.subList(from, Math.min(distinct.size(), from + LOOKUP_CHUNK)))
                    .query(String.class)
                    .list());
        }
        return blacklisted;
    }

    public Optional<BlacklistEntry> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM blacklist_entries WHERE id = ?")
                .param(id)
                .query(Blacklist::map)
                .optional()
                .map(entry -> withNotes(List.of(entry)).get(0));
    }

    /** The entry, or {@link UnknownIdException}. */
    public BlacklistEntry require(long id) {
        return find(id).orElseThrow(() -> new UnknownIdException("blacklist entry", id));
    }

    /**
     * A page of entries, the latest first, with their notes. {@code active} null lists both; {@code search}
     * (optional) is a piece of the address or of the reason, in any case.
     */
    public List<BlacklistEntry> list(int offset, int limit, Boolean active, String search) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>(Map.of("offset", offset, "limit", limit));
        if (active != null) {
            where.append(" AND active = :active");
            params.put("active", active);
        }
        SearchText text = new SearchText(search);
        if (!text.isEmpty()) {
            where.append(" AND (LOWER(email) LIKE :pattern" + SearchText.ESCAPE + " OR LOWER(reason) LIKE :pattern"
                    + SearchText.ESCAPE + ")");
            params.put("pattern", text.likePattern());
        }
        List<BlacklistEntry> page = jdbc.sql("SELECT " + COLUMNS + " FROM blacklist_entries" + where
                        + " ORDER BY id DESC OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY")
                .params(params)
                .query(Blacklist::map)
                .list();
        return withNotes(page);
    }

    private List<BlacklistEntry> withNotes(List<BlacklistEntry> entries) {
        Map<Long, List<BlacklistNote>> byEntry =
                notes.of(entries.stream().map(BlacklistEntry::id).toList());
        return entries.stream()
                .map(entry -> entry.withNotes(byEntry.getOrDefault(entry.id(), List.of())))
                .toList();
    }

    private static String required(String text, String field, int max) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
        String stripped = text.strip();
        if (stripped.length() > max) {
            throw new InvalidInputException(field, "must be at most " + max + " characters");
        }
        return stripped;
    }

    private static BlacklistEntry map(ResultSet rs, int row) throws SQLException {
        return new BlacklistEntry(
                rs.getLong("id"),
                rs.getString("email"),
                rs.getBoolean("active"),
                rs.getString("reason"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                List.of());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
