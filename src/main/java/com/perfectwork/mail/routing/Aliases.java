package com.perfectwork.mail.routing;

import com.perfectwork.mail.core.ConflictException;
import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.core.UnknownIdException;
import com.perfectwork.mail.directory.Partners;
import com.perfectwork.mail.discussion.Records;
import com.perfectwork.mail.settings.MailDomainSettings;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The aliases (Settings ‣ Technical ‣ Email ‣ Aliases). Names are local parts at the alias domain, compared
 * lower-cased; the catchall and bounce local parts are reserved.
 */
@Component
public class Aliases {

    private static final Pattern LOCAL_PART =
            Pattern.compile("[a-z0-9!#$%&'*/=?^_`{|}~\\-]+(\\.[a-z0-9!#$%&'*/=?^_`{|}~\\-]+)*");
    private static final Pattern MODEL = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");
    private static final Set<String> POLICIES = Set.of("everyone", "partners", "followers");
    private static final String COLUMNS = "id, name, model, record_id, defaults, contact_policy";

    private final JdbcClient jdbc;
    private final Records records;
    private final Partners partners;
    private final MailDomainSettings settings;
    private final Clock clock;

    Aliases(JdbcClient jdbc, Records records, Partners partners, MailDomainSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.records = records;
        this.partners = partners;
        this.settings = settings;
        this.clock = clock;
    }

    public List<Alias> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM aliases ORDER BY name")
                .query(Aliases::map)
                .list();
    }

    public Alias require(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM aliases WHERE id = ?")
                .param(id)
                .query(Aliases::map)
                .optional()
                .orElseThrow(() -> new UnknownIdException("alias", id));
    }

    public Optional<Alias> findByName(String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM aliases WHERE name = ?")
                .param(name.toLowerCase(Locale.ROOT))
                .query(Aliases::map)
                .optional();
    }

    /** The alias posting on this record, if any (its address is the record's reply address). */
    public Optional<Alias> ofRecord(long recordId) {
        return Optional.ofNullable(ofRecords(List.of(recordId)).get(recordId));
    }

    /** The alias of each of these records that has one (the oldest, when several), in one query. */
    public Map<Long, Alias> ofRecords(Collection<Long> recordIds) {
        if (recordIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, Alias> byRecord = new HashMap<>();
        jdbc.sql("SELECT " + COLUMNS + " FROM aliases WHERE record_id IN (:ids) ORDER BY id")
                .param("ids", recordIds)
                .query(Aliases::map)
                .list()
                .forEach(alias -> byRecord.putIfAbsent(alias.recordId(), alias));
        return byRecord;
    }

    @Transactional
    public Alias create(Alias alias) {
        Alias checked = check(alias, null);
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql(
                        "INSERT INTO aliases (name, model, record_id, defaults, contact_policy, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(
                        checked.name(),
                        checked.model(),
                        checked.recordId(),
                        checked.defaults(),
                        checked.contactPolicy(),
                        OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .update(key, "id");
        return require(key.getKeyAs(Long.class));
    }

    /** Changes the fields given; a null field keeps its value (so a record, once set, stays: see {@link #replace}). */
    @Transactional
    public Alias update(long id, Alias changes) {
        Alias current = require(id);
        return replace(
                id,
                new Alias(
                        id,
                        changes.name() == null ? current.name() : changes.name(),
                        changes.model() == null ? current.model() : changes.model(),
                        changes.recordId() == null ? current.recordId() : changes.recordId(),
                        changes.defaults() == null ? current.defaults() : changes.defaults(),
                        changes.contactPolicy() == null ? current.contactPolicy() : changes.contactPolicy()));
    }

    /**
     * Stores the alias as given, every field: a null record makes it create records again, null defaults are none.
     * For a form that always sends the whole alias.
     */
    @Transactional
    public Alias replace(long id, Alias alias) {
        require(id);
        Alias checked = check(alias, id);
        jdbc.sql("UPDATE aliases SET name = ?, model = ?, record_id = ?, defaults = ?, contact_policy = ? WHERE id = ?")
                .params(
                        checked.name(),
                        checked.model(),
                        checked.recordId(),
                        checked.defaults(),
                        checked.contactPolicy(),
                        id)
                .update();
        return require(id);
    }

    @Transactional
    public void delete(long id) {
        if (jdbc.sql("DELETE FROM aliases WHERE id = ?").param(id).update() == 0) {
            throw new UnknownIdException("alias", id);
        }
    }

    private Alias check(Alias alias, Long self) {
        String name = alias.name() == null ? "" : alias.name().strip().toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.length() > 64 || !LOCAL_PART.matcher(name).matches()) {
            throw new InvalidInputException("name", "must be the local part of an address, like sales");
        }
        if (name.equals(settings.catchallAlias().toLowerCase(Locale.ROOT))
                || name.equals(settings.bounceAlias().toLowerCase(Locale.ROOT))) {
            throw new ConflictException(
                    "'" + name + "' is the catchall or bounce alias (mail.catchall.alias, mail.bounce.alias)");
        }
        findByName(name).filter(other -> !Long.valueOf(other.id()).equals(self)).ifPresent(other -> {
            throw new ConflictException("the alias '" + name + "' exists already");
        });
        if (alias.model() == null || !MODEL.matcher(alias.model()).matches()) {
            throw new InvalidInputException("model", "must be a model name like crm.lead");
        }
        if (alias.recordId() != null
                && !records.require(alias.recordId()).model().equals(alias.model())) {
            throw new InvalidInputException("recordId", "must be a record of the alias's model " + alias.model());
        }
        String policy = alias.contactPolicy() == null ? "everyone" : alias.contactPolicy();
        if (!POLICIES.contains(policy)) {
            throw new InvalidInputException("contactPolicy", "must be everyone, partners or followers");
        }
        checkDefaults(alias.defaults());
        return new Alias(alias.id(), name, alias.model(), alias.recordId(), alias.defaults(), policy);
    }

    /** Checked when saved, so that a mail to the alias never fails on them. */
    private void checkDefaults(String json) {
        for (long id : AliasDefaults.parse(json).followerIds()) {
            if (partners.find(id).isEmpty()) {
                throw new InvalidInputException("defaults.followers", "there is no partner with id " + id);
            }
        }
    }

    private static Alias map(ResultSet rs, int row) throws SQLException {
        long record = rs.getLong("record_id");
        Long recordId = rs.wasNull() ? null : record;
        return new Alias(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("model"),
                recordId,
                rs.getString("defaults"),
                rs.getString("contact_policy"));
    }
}
