package com.perfectwork.mail.settings;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The system parameters (Settings ‣ Technical ‣ Parameters ‣ System Parameters): stored key/values.
 * Values of keys with a meaning are checked by {@link ParameterRules} before they are stored, so a
 * typo in {@code mail.catchall.domain} is refused instead of breaking every outgoing mail later.
 */
@Component
public class ConfigParameters {

    private final JdbcClient jdbc;
    private final ParameterRules rules;
    private final Clock clock;

    ConfigParameters(JdbcClient jdbc, ParameterRules rules, Clock clock) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.clock = clock;
    }

    public List<ConfigParameter> all() {
        return jdbc.sql("SELECT param_key, param_value FROM config_parameters ORDER BY param_key")
                .query((rs, n) -> new ConfigParameter(rs.getString(1), rs.getString(2)))
                .list();
    }

    public Optional<ConfigParameter> find(String key) {
        return jdbc.sql("SELECT param_key, param_value FROM config_parameters WHERE param_key = ?")
                .param(key)
                .query((rs, n) -> new ConfigParameter(rs.getString(1), rs.getString(2)))
                .optional();
    }

    public Optional<String> value(String key) {
        return find(key).map(ConfigParameter::value);
    }

    /** Creates or replaces a parameter after checking its value; returns what was stored. */
    @Transactional
    public ConfigParameter set(String key, String value) {
        ConfigParameter checked = rules.check(key, value);
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        int updated = jdbc.sql("UPDATE config_parameters SET param_value = ?, updated_at = ? WHERE param_key = ?")
                .params(checked.value(), now, checked.key())
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO config_parameters (param_key, param_value, updated_at) VALUES (?, ?, ?)")
                    .params(checked.key(), checked.value(), now)
                    .update();
        }
        return checked;
    }

    /** Removes a parameter; its documented default, if any, applies again. False when it did not exist. */
    @Transactional
    public boolean delete(String key) {
        return jdbc.sql("DELETE FROM config_parameters WHERE param_key = ?")
                        .param(key)
                        .update()
                > 0;
    }
}
