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
 * typo in {@code mail.catchall.domain} is refused instead of breaking every outgoing mail later. The OAuth2 client
 * secrets are write-only: stored encrypted by {@link Secrets}, listed and read back without their value (null), and
 * read in plain only through {@link #secret}.
 */
@Component
public class ConfigParameters {

    private final JdbcClient jdbc;
    private final ParameterRules rules;
    private final Secrets secrets;
    private final Clock clock;

    ConfigParameters(JdbcClient jdbc, ParameterRules rules, Secrets secrets, Clock clock) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** Every parameter, by key; a secret one without its value. */
    public List<ConfigParameter> all() {
        return stored().stream().map(ConfigParameters::shown).toList();
    }

    /** Whether the key is write-only (its value is never shown, only {@link #secret} reads it). */
    public static boolean isSecret(String key) {
        return ParameterRules.SECRETS.contains(key);
    }

    /** A write-only parameter in plain, to use it (never to show it); empty while unset. */
    public Optional<String> secret(String key) {
        if (!isSecret(key)) {
            throw new IllegalArgumentException(key + " is not a secret parameter");
        }
        return raw(key).map(ConfigParameter::value).map(secrets::decrypt);
    }

    private List<ConfigParameter> stored() {
        return jdbc.sql("SELECT param_key, param_value FROM config_parameters ORDER BY param_key")
                .query((rs, n) -> new ConfigParameter(rs.getString(1), rs.getString(2)))
                .list();
    }

    private static ConfigParameter shown(ConfigParameter parameter) {
        return isSecret(parameter.key()) ? new ConfigParameter(parameter.key(), null) : parameter;
    }

    /**
     * The parameters are read from the database once per transaction, all in one query (there are a few dozen):
     * a received mail's routing and posting, or one pass of the queue, ask for several keys, some many times, and
     * each ask was a round trip. A change made by an administrator (on any instance) still applies to the next
     * transaction, and one made in this transaction at once.
     */
    public Optional<ConfigParameter> find(String key) {
        return raw(key).map(ConfigParameters::shown);
    }

    private Optional<ConfigParameter> raw(String key) {
        TransactionSnapshot snapshot = TransactionSnapshot.current();
        if (snapshot == null) {
            return read(key);
        }
        if (!snapshot.loaded) {
            stored().forEach(parameter -> snapshot.values.putIfAbsent(parameter.key(), Optional.of(parameter)));
            snapshot.loaded = true;
        }
        return snapshot.values.getOrDefault(key, Optional.empty());
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

    /**
     * A whole-number parameter, or {@code fallback} when it is unset or not a number (its value is checked when set,
     * but one set before its rule existed may not be).
     */
    public int integer(String key, int fallback) {
        try {
            return value(key).map(String::strip).map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Creates or replaces a parameter after checking its value; returns what was stored (a secret without value). */
    @Transactional
    public ConfigParameter set(String key, String value) {
        ConfigParameter valid = rules.check(key, value);
        ConfigParameter checked =
                isSecret(key) ? new ConfigParameter(valid.key(), secrets.encrypt(valid.value())) : valid;
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        int updated = jdbc.sql("UPDATE config_parameters SET param_value = ?, updated_at = ? WHERE param_key = ?")
                .params(checked.value(), now, checked.key())
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO config_parameters (param_key, param_value, updated_at) VALUES (?, ?, ?)")
                    .params(checked.key(), checked.value(), now)
                    .update();
        }
        TransactionSnapshot.remember(checked.key(), Optional.of(checked));
        return shown(checked);
    }

    /** Removes a parameter; its documented default, if any, applies again. False when it did not exist. */
    @Transactional
    public boolean delete(String key) {
        boolean deleted = jdbc.sql("DELETE FROM config_parameters WHERE param_key = ?")
                        .param(key)
                        .update()
                > 0;
        TransactionSnapshot.remember(key, Optional.empty());
        return deleted;
    }

    /** The parameters as the current transaction sees them; they end with the transaction. */
    private static final class TransactionSnapshot implements TransactionSynchronization {

        private static final Object KEY = TransactionSnapshot.class;

        /** Values written in this transaction, then (once loaded) every stored one; an absent key has no value. */
        private final Map<String, Optional<ConfigParameter>> values = new HashMap<>();

        private boolean loaded;

        /**
         * The current transaction's snapshot; null outside a transaction. Bound to the transaction as a resource (a
         * map look-up): listing the synchronizations to find it sorted them at every read. A transaction started
         * inside it (REQUIRES_NEW) suspends its resources, so it reads afresh.
         */
        static TransactionSnapshot current() {
            if (!TransactionSynchronizationManager.isSynchronizationActive()
                    || !TransactionSynchronizationManager.isActualTransactionActive()) {
                return null;
            }
            TransactionSnapshot snapshot = (TransactionSnapshot) TransactionSynchronizationManager.getResource(KEY);
            if (snapshot == null) {
                snapshot = new TransactionSnapshot();
                TransactionSynchronizationManager.bindResource(KEY, snapshot);
                TransactionSynchronizationManager.registerSynchronization(snapshot);
            }
            return snapshot;
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(KEY);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(KEY, this);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
        }

        /** What this transaction wrote is what it reads from now on. */
        static void remember(String key, Optional<ConfigParameter> value) {
            TransactionSnapshot snapshot = current();
            if (snapshot != null) {
                snapshot.values.put(key, value);
            }
        }
    }
}
