package com.perfectwork.mail.settings;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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

    /**
     * A parameter is read from the database once per transaction: a received mail's routing and posting, or one
     * pass of the queue, ask for the same few keys many times, and each ask was a round trip. A change made by
     * an administrator (on any instance) still applies to the next transaction, as it did, and one made in this
     * transaction at once.
     */
    public Optional<ConfigParameter> find(String key) {
        Map<String, Optional<ConfigParameter>> snapshot = TransactionSnapshot.current();
        if (snapshot == null) {
            return read(key);
        }
        Optional<ConfigParameter> known = snapshot.get(key);
        if (known == null) {
            known = read(key);
            snapshot.put(key, known);
        }
        return known;
    }

    private Optional<ConfigParameter> read(String key) {
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
        TransactionSnapshot.forget(checked.key());
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
        TransactionSnapshot.forget(key);
        return jdbc.sql("DELETE FROM config_parameters WHERE param_key = ?")
                        .param(key)
                        .update()
                > 0;
    }

    /**
     * The parameters read in the current transaction, kept by a synchronization of that transaction: a transaction
     * started inside it (REQUIRES_NEW) suspends its synchronizations, so it reads afresh, and the values end with
     * the transaction.
     */
    private static final class TransactionSnapshot implements TransactionSynchronization {

        private final Map<String, Optional<ConfigParameter>> values = new HashMap<>();

        /** The current transaction's values; null outside a transaction. */
        static Map<String, Optional<ConfigParameter>> current() {
            if (!TransactionSynchronizationManager.isSynchronizationActive()
                    || !TransactionSynchronizationManager.isActualTransactionActive()) {
                return null;
            }
            for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
                if (synchronization instanceof TransactionSnapshot snapshot) {
                    return snapshot.values;
                }
            }
            TransactionSnapshot snapshot = new TransactionSnapshot();
            TransactionSynchronizationManager.registerSynchronization(snapshot);
            return snapshot.values;
        }

        static void forget(String key) {
            Map<String, Optional<ConfigParameter>> values = current();
            if (values != null) {
                values.remove(key);
            }
        }
    }
}
