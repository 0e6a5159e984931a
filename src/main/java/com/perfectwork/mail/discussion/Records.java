package com.perfectwork.mail.discussion;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.core.SearchText;
import com.perfectwork.mail.core.UnknownIdException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** The business records. A model name is Perfectwork's dotted technical name, like {@code sale.order}. */
@Component
public class Records {

    /** The longest name of a record. */
    public static final int MAX_NAME = 512;

    private static final Pattern MODEL = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");
    private static final String COLUMNS = "id, model, name, created_at, field_values";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FOLLOWED =
            "EXISTS (SELECT 1 FROM followers f WHERE f.record_id = r.id AND f.partner_id = :partner)";

    private final JdbcClient jdbc;
    private final Clock clock;

    Records(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public BusinessRecord create(String model, String name) {
        return create(model, name, Map.of());
    }

    /** A record with extra fields ({@code values}: names to strings, checked by the caller). */
    @Transactional
    public BusinessRecord create(String model, String name, Map<String, String> values) {
        if (model == null || model.length() > 128 || !MODEL.matcher(model).matches()) {
            throw new InvalidInputException(
                    "model", "must be a model name like crm.lead or sale.order (lower case, dots)");
        }
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw new InvalidInputException("name", "is required, at most " + MAX_NAME + " characters");
        }
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO business_records (model, name, created_at, field_values) VALUES (?, ?, ?, ?)")
                .params(
                        model,
                        name.strip(),
                        OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC),
                        values == null || values.isEmpty() ? null : JSON.writeValueAsString(values))
                .update(key, "id");
        return require(key.getKeyAs(Long.class));
    }

    public Optional<BusinessRecord> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM business_records WHERE id = ?")
                .param(id)
                .query(Records::map)
                .optional();
    }

    public BusinessRecord require(long id) {
        return find(id).orElseThrow(() -> new UnknownIdException("record", id));
    }

    /**
     * Records of one model (all when {@code model} is null), oldest first; only those {@code followerPartnerId}
     * follows when it is given (a user's view), all of them when it is null (an administrator's).
     */
    public List<BusinessRecord> list(String model, Long followerPartnerId, int offset, int limit) {
        List<String> conditions = new ArrayList<>();
        if (model != null) {
            conditions.add("r.model = :model");
        }
        if (followerPartnerId != null) {
            conditions.add(FOLLOWED);
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        JdbcClient.StatementSpec spec = jdbc.sql("SELECT r.id, r.model, r.name, r.created_at, r.field_values"
                        + " FROM business_records r" + where
                        + " ORDER BY r.id OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY")
                .param("offset", offset)
                .param("limit", limit);
        if (model != null) {
            spec = spec.param("model", model);
        }
        if (followerPartnerId != null) {
            spec = spec.param("partner", followerPartnerId);
        }
        return spec.query(Records::map).list();
    }

    /**
     * How many records each model has, by model name in alphabetical order; only those {@code followerPartnerId}
     * follows when it is given (a user's view), all of them when it is null (an administrator's).
     */
    public Map<String, Long> countsByModel(Long followerPartnerId) {
        JdbcClient.StatementSpec spec = jdbc.sql("SELECT r.model, COUNT(*) FROM business_records r"
                + (followerPartnerId == null ? "" : " WHERE " + FOLLOWED)
                + " GROUP BY r.model ORDER BY r.model");
        if (followerPartnerId != null) {
            spec = spec.param("partner", followerPartnerId);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        spec.query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    /**
     * Records of one model whose name contains {@code text} (case-insensitive; any name when blank), newest first,
     * at most {@code limit}; only those {@code followerPartnerId} follows when it is given, all when it is null.
     */
    public List<BusinessRecord> search(String model, String text, Long followerPartnerId, int limit) {
        SearchText searched = new SearchText(text);
        StringBuilder where = new StringBuilder(" WHERE r.model = :model");
        if (!searched.isEmpty()) {
            where.append(" AND LOWER(r.name) LIKE :pattern" + SearchText.ESCAPE);
        }
        if (followerPartnerId != null) {
            where.append(" AND ").append(FOLLOWED);
        }
        JdbcClient.StatementSpec spec = jdbc.sql("SELECT r.id, r.model, r.name, r.created_at, r.field_values"
                        + " FROM business_records r" + where + " ORDER BY r.id DESC FETCH FIRST :limit ROWS ONLY")
                .param("model", model)
                .param("limit", limit);
        if (!searched.isEmpty()) {
            spec = spec.param("pattern", searched.likePattern());
        }
        if (followerPartnerId != null) {
            spec = spec.param("partner", followerPartnerId);
        }
        return spec.query(Records::map).list();
    }

    private static BusinessRecord map(ResultSet rs, int row) throws SQLException {
        return new BusinessRecord(
                rs.getLong("id"),
                rs.getString("model"),
                rs.getString("name"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                values(rs.getString("field_values")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> values(String json) {
        return json == null ? Map.of() : JSON.readValue(json, Map.class);
    }
}
