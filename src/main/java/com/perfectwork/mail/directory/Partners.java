package com.perfectwork.mail.directory;

import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.core.UnknownIdException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The contacts. Every look-up by email compares normalized addresses. */
@Component
public class Partners {

    static final int MAX_NAME_LENGTH = 255;
    private static final String COLUMNS = "id, name, email, email_normalized, bounce_count, created_at";

    private final JdbcClient jdbc;
    private final Clock clock;

    Partners(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Creates a contact. The name defaults to the email's display name, else its local part.
     * The email may be null (a contact that cannot be mailed), never invalid.
     */
    @Transactional
    public Partner create(String name, String email) {
        Optional<EmailAddress> address =
                Optional.ofNullable(email).filter(e -> !e.isBlank()).map(e -> EmailAddress.parse(e, "email"));
        String displayName = name != null && !name.isBlank()
                ? name.strip()
                : address.map(a -> a.displayName() != null ? a.displayName() : a.localPart())
                        .orElseThrow(() -> new InvalidInputException("name", "a name or an email is required"));
        if (displayName.length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException("name", "must be at most " + MAX_NAME_LENGTH + " characters");
        }
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql(
                        "INSERT INTO partners (name, email, email_normalized, bounce_count, created_at) VALUES (?, ?, ?, 0, ?)")
                .params(
                        displayName,
                        address.map(a -> email.strip()).orElse(null),
                        address.map(EmailAddress::normalized).orElse(null),
                        now())
                .update(key, "id");
        return require(key.getKeyAs(Long.class));
    }

    /** The oldest contact with this normalized email, else a new one named {@code name}. */
    @Transactional
    public Partner findOrCreate(String name, String email) {
        EmailAddress address = EmailAddress.parse(email, "email");
        return findByEmail(address.address()).stream().findFirst().orElseGet(() -> create(name, email));
    }

    public Optional<Partner> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM partners WHERE id = ?")
                .param(id)
                .query(Partners::map)
                .optional();
    }

    /** The contact, or {@link UnknownIdException}. */
    public Partner require(long id) {
        return find(id).orElseThrow(() -> new UnknownIdException("partner", id));
    }

    /**
     * Contacts whose normalized email equals that of {@code email}: those of active users first (a mail from a
     * colleague is theirs, not a customer record's with the same address), then the oldest; none for an invalid
     * address.
     */
    public List<Partner> findByEmail(String email) {
        return EmailAddress.tryParse(email)
                .map(address -> jdbc.sql("SELECT " + COLUMNS + " FROM partners p WHERE email_normalized = ? ORDER BY"
                                + " CASE WHEN EXISTS (SELECT 1 FROM users u WHERE u.partner_id = p.id AND u.active)"
                                + " THEN 0 ELSE 1 END, id")
                        .param(address.normalized())
                        .query(Partners::map)
                        .list())
                .orElse(List.of());
    }

    /**
     * The contact each of these normalized addresses belongs to, as {@link #findByEmail} picks it (an active user's
     * first, then the oldest); addresses of no contact are left out. One query.
     */
    public Map<String, Long> byEmails(Collection<String> emailsNormalized) {
        if (emailsNormalized.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> found = new java.util.LinkedHashMap<>();
        jdbc.sql("SELECT p.id, p.email_normalized FROM partners p WHERE email_normalized IN (:emails) ORDER BY"
                        + " CASE WHEN EXISTS (SELECT 1 FROM users u WHERE u.partner_id = p.id AND u.active)"
                        + " THEN 0 ELSE 1 END, id")
                .param("emails", List.copyOf(new java.util.LinkedHashSet<>(emailsNormalized)))
                .query((rs, row) -> Map.entry(rs.getString("email_normalized"), rs.getLong("id")))
                .list()
                .forEach(entry -> found.putIfAbsent(entry.getKey(), entry.getValue()));
        return found;
    }

    /** One more bounce for every contact with this normalized address; how many contacts have it. */
    @Transactional
    public int countBounce(String emailNormalized) {
        return jdbc.sql("UPDATE partners SET bounce_count = bounce_count + 1 WHERE email_normalized = ?")
                .param(emailNormalized)
                .update();
    }

    /**
     * A mail that is no bounce came from this normalized address: it works again, its contacts' bounce count goes
     * back to 0. Writes nothing (and locks no row) when no count is above 0, as for nearly every received mail.
     */
    @Transactional
    public void resetBounces(String emailNormalized) {
        jdbc.sql("UPDATE partners SET bounce_count = 0 WHERE email_normalized = ? AND bounce_count > 0")
                .param(emailNormalized)
                .update();
    }

    /** Contacts with exactly this name, case aside, oldest first: a follower added by name alone. */
    public List<Partner> named(String name) {
        if (name == null || name.isBlank()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM partners WHERE LOWER(name) = LOWER(?) ORDER BY id")
                .param(name.strip())
                .query(Partners::map)
                .list();
    }

    public List<Partner> list(int offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM partners ORDER BY id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
                .params(offset, limit)
                .query(Partners::map)
                .list();
    }

    /** The contacts with these ids, by id; unknown ids are absent from the map. */
    public Map<Long, Partner> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql("SELECT " + COLUMNS + " FROM partners WHERE id IN (:ids)")
                .param("ids", ids)
                .query(Partners::map)
                .list()
                .stream()
                .collect(Collectors.toMap(Partner::id, Function.identity()));
    }

    /** Changes a contact's name and email (null email: the contact can no longer be mailed). */
    @Transactional
    public Partner rename(long id, String name, String email) {
        Partner current = require(id);
        Optional<EmailAddress> address =
                Optional.ofNullable(email).filter(e -> !e.isBlank()).map(e -> EmailAddress.parse(e, "email"));
        String newName = name == null || name.isBlank() ? current.name() : name.strip();
        if (newName.length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException("name", "must be at most " + MAX_NAME_LENGTH + " characters");
        }
        jdbc.sql("UPDATE partners SET name = ?, email = ?, email_normalized = ? WHERE id = ?")
                .params(
                        newName,
                        address.map(a -> email.strip()).orElse(null),
                        address.map(EmailAddress::normalized).orElse(null),
                        id)
                .update();
        return require(id);
    }

    private static Partner map(ResultSet rs, int row) throws SQLException {
        return new Partner(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("email"),
                rs.getString("email_normalized"),
                rs.getInt("bounce_count"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
