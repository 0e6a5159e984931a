package com.perfectwork.mail.mailing;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes a batch of imported contacts to a list in a few statements: new addresses become contacts, existing contacts
 * take the file's name (when it gives one), and every one is put on the list. A contact that opted out of the list
 * stays opted out: a file someone else made cannot take back an unsubscription (consent is the recipient's, and
 * Mailchimp and Odoo keep it so too); it is counted apart. The batch's addresses are distinct and at most
 * {@link #MAX_SIZE}, within every driver's limit of bind variables.
 */
@Component
class ContactBatch {

    static final int MAX_SIZE = 1000;

    /** A valid line of the file: its address, normalized, and its name (null when it gives none). */
    record ImportedContact(long line, String name, String email, String emailNormalized) {}

    /** What the batch did: contacts created, existing ones updated, and of those, how many stay opted out. */
    record Counts(int created, int updated, int optedOut) {}

    private record Existing(long id, String name) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    ContactBatch(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** Runs in the caller's transaction. */
    Counts write(long listId, List<ImportedContact> contacts, Instant now) {
        if (contacts.isEmpty()) {
            return new Counts(0, 0, 0);
        }
        List<String> emails =
                contacts.stream().map(ImportedContact::emailNormalized).toList();
        Map<String, Existing> existing = existing(emails);
        List<ImportedContact> fresh = contacts.stream()
                .filter(c -> !existing.containsKey(c.emailNormalized()))
                .toList();
        insert(fresh, now);
        rename(contacts, existing);
        List<Long> ids = List.copyOf(ids(emails).values());
        int optedOut = jdbc.sql("SELECT COUNT(*) FROM mailing_subscriptions WHERE list_id = :list AND opted_out"
                        + " AND contact_id IN (:ids)")
                .param("list", listId)
                .param("ids", ids)
                .query(Integer.class)
                .single();
        subscribe(listId, ids, now);
        return new Counts(fresh.size(), contacts.size() - fresh.size(), optedOut);
    }

    private Map<String, Existing> existing(List<String> emails) {
        Map<String, Existing> found = new HashMap<>();
        jdbc.sql("SELECT id, name, email_normalized FROM mailing_contacts WHERE email_normalized IN (:emails)")
                .param("emails", emails)
                .query(rs -> {
                    found.put(rs.getString("email_normalized"), new Existing(rs.getLong("id"), rs.getString("name")));
                });
        return found;
    }

    private Map<String, Long> ids(List<String> emails) {
        Map<String, Long> found = new HashMap<>();
        jdbc.sql("SELECT id, email_normalized FROM mailing_contacts WHERE email_normalized IN (:emails)")
                .param("emails", emails)
                .query(rs -> {
                    found.put(rs.getString("email_normalized"), rs.getLong("id"));
                });
        return found;
    }

    /** New contacts; one created meanwhile by another import or a form is left as it is (and counted as created). */
    private void insert(List<ImportedContact> fresh, Instant now) {
        batch.batchUpdate(
                "INSERT INTO mailing_contacts (name, email, email_normalized, bounce_count, created_at)"
                        + " VALUES (?, ?, ?, 0, ?) ON CONFLICT DO NOTHING",
                fresh,
                MAX_SIZE,
                (ps, contact) -> {
                    ps.setString(1, contact.name());
                    ps.setString(2, contact.email());
                    ps.setString(3, contact.emailNormalized());
                    ps.setObject(4, Subscriptions.utc(now));
                });
    }

    /** The file's name for existing contacts where it gives one that differs. */
    private void rename(List<ImportedContact> contacts, Map<String, Existing> existing) {
        List<Map.Entry<Long, String>> renamed = contacts.stream()
                .filter(c -> c.name() != null && existing.containsKey(c.emailNormalized()))
                .filter(c -> !Objects.equals(
                        c.name(), existing.get(c.emailNormalized()).name()))
                .map(c -> Map.entry(existing.get(c.emailNormalized()).id(), c.name()))
                .toList();
        batch.batchUpdate("UPDATE mailing_contacts SET name = ? WHERE id = ?", renamed, MAX_SIZE, (ps, rename) -> {
            ps.setString(1, rename.getValue());
            ps.setLong(2, rename.getKey());
        });
    }

    /** Puts the contacts on the list; those on it already keep their subscription as it is, opted out or not. */
    private void subscribe(long listId, List<Long> contactIds, Instant now) {
        batch.batchUpdate(
                "INSERT INTO mailing_subscriptions (list_id, contact_id, opted_out, created_at) VALUES (?, ?, FALSE, ?)"
                        + " ON CONFLICT DO NOTHING",
                contactIds,
                MAX_SIZE,
                (ps, contactId) -> {
                    ps.setLong(1, listId);
                    ps.setLong(2, contactId);
                    ps.setObject(3, Subscriptions.utc(now));
                });
    }
}
