package com.perfectwork.mail.mailing;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mailing lists. Deleting a list deletes its subscriptions and imports, never its contacts: they stay, with their
 * other lists.
 */
@Component
public class MailingLists {

    static final int MAX_NAME_LENGTH = 255;

    /** A list with its counts, in one pass over its subscriptions. */
    private static final String SELECT = """
            SELECT l.id, l.name, l.created_at,
                (SELECT COUNT(*) FROM mailing_subscriptions s WHERE s.list_id = l.id) AS contact_count,
                (SELECT COUNT(*) FROM mailing_subscriptions s WHERE s.list_id = l.id AND s.opted_out) AS opt_out_count
            FROM mailing_lists l""";

    private final JdbcClient jdbc;
    private final Clock clock;

    MailingLists(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @throws InvalidInputException naming {@code name} */
    @Transactional
    public MailingList create(String name) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO mailing_lists (name, created_at) VALUES (?, ?)")
                .params(name(name), OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .update(key, "id");
        return require(key.getKeyAs(Long.class));
    }

    /** @throws UnknownIdException when there is no such list */
    @Transactional
    public MailingList rename(long id, String name) {
        String renamed = name(name);
        if (jdbc.sql("UPDATE mailing_lists SET name = ? WHERE id = ?")
                        .params(renamed, id)
                        .update()
                == 0) {
            throw new UnknownIdException("mailing list", id);
        }
        return require(id);
    }

    /**
     * Deletes the list and its subscriptions; its contacts stay.
     *
     * @throws UnknownIdException when there is no such list
     */
    @Transactional
    public void delete(long id) {
        if (jdbc.sql("DELETE FROM mailing_lists WHERE id = ?").param(id).update() == 0) {
            throw new UnknownIdException("mailing list", id);
        }
    }

    public Optional<MailingList> find(long id) {
        return jdbc.sql(SELECT + " WHERE l.id = ?")
                .param(id)
                .query(MailingLists::map)
                .optional();
    }

    /** The list, or {@link UnknownIdException}. */
    public MailingList require(long id) {
        return find(id).orElseThrow(() -> new UnknownIdException("mailing list", id));
    }

    /** A page of lists by name (then id); {@code search} (optional) a piece of the name, in any case. */
    public List<MailingList> list(int offset, int limit, String search) {
        SearchText text = new SearchText(search);
        Map<String, Object> params = new HashMap<>(Map.of("offset", offset, "limit", limit));
        String where = "";
        if (!text.isEmpty()) {
            where = " WHERE LOWER(l.name) LIKE :pattern" + SearchText.ESCAPE;
            params.put("pattern", text.likePattern());
        }
        return jdbc.sql(SELECT + where
                        + " ORDER BY LOWER(l.name), l.id OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY")
                .params(params)
                .query(MailingLists::map)
                .list();
    }

    /** Every list, by name: the choices of a contact's form (a marketing team keeps tens of lists, not thousands). */
    public List<MailingList> all() {
        return list(0, Integer.MAX_VALUE, null);
    }

    /**
     * Checks that these lists exist.
     *
     * @throws InvalidInputException naming {@code field} and the ids that are no list
     */
    void requireAll(Collection<Long> ids, String field) {
        if (ids.isEmpty()) {
            return;
        }
        Set<Long> missing = new TreeSet<>(ids);
        missing.removeAll(jdbc.sql("SELECT id FROM mailing_lists WHERE id IN (:ids)")
                .param("ids", List.copyOf(missing))
                .query(Long.class)
                .list());
        if (!missing.isEmpty()) {
            throw new InvalidInputException(field, "no mailing list has the id " + missing);
        }
    }

    private static String name(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "is required");
        }
        String stripped = name.strip();
        if (stripped.length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException("name", "must be at most " + MAX_NAME_LENGTH + " characters");
        }
        return stripped;
    }

    private static MailingList map(ResultSet rs, int row) throws SQLException {
        return new MailingList(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getLong("contact_count"),
                rs.getLong("opt_out_count"));
    }
}
