package com.perfectwork.mail.directory;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.core.UnknownIdException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys for {@code Authorization: Bearer}. A key is 256 random bits; only its SHA-256 is stored
 * (a fast hash is enough for a random key, and keeps every authenticated request cheap). Each carries the
 * {@link ApiKeyScope scopes} given at its creation.
 */
@Component
public class ApiKeys {

    private static final String PREFIX = "pwm_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final UserAccounts users;
    private final Clock clock;

    ApiKeys(JdbcClient jdbc, UserAccounts users, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.clock = clock;
    }

    @Transactional
    public NewApiKey create(long userId, String name, Set<ApiKeyScope> scopes) {
        users.require(userId);
        if (name == null || name.isBlank() || name.length() > 255) {
            throw new InvalidInputException("name", "is required, at most 255 characters");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        KeyHolder id = new GeneratedKeyHolder();
        jdbc.sql(
                        "INSERT INTO api_keys (user_id, name, key_hash, key_prefix, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(
                        userId,
                        name.strip(),
                        hash(key),
                        prefix(key),
                        ApiKeyScope.stored(scopes),
                        OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .update(id, "id");
        return new NewApiKey(id.getKeyAs(Long.class), name.strip(), scopes, key);
    }

    public List<ApiKey> list(long userId) {
        users.require(userId);
        return jdbc.sql(
                        "SELECT id, user_id, name, scopes, key_prefix, created_at FROM api_keys WHERE user_id = ? ORDER BY id")
                .param(userId)
                .query((rs, n) -> new ApiKey(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        ApiKeyScope.fromStored(rs.getString(4)),
                        rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class).toInstant()))
                .list();
    }

    /** Revokes a key at once: the next request with it is refused. */
    @Transactional
    public void revoke(long userId, long keyId) {
        if (jdbc.sql("DELETE FROM api_keys WHERE id = ? AND user_id = ?")
                        .params(keyId, userId)
                        .update()
                == 0) {
            throw new UnknownIdException("API key", keyId);
        }
    }

    /**
     * The active user a presented key belongs to, with the key's scopes; empty for an unknown or revoked key or an
     * inactive user.
     */
    public Optional<KeyCredentials> authenticate(String presentedKey) {
        if (presentedKey == null || !presentedKey.startsWith(PREFIX) || presentedKey.length() > 100) {
            return Optional.empty();
        }
        record Row(long userId, String scopes) {}
        return jdbc.sql("SELECT user_id, scopes FROM api_keys WHERE key_hash = ?")
                .param(hash(presentedKey))
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2)))
                .optional()
                .flatMap(row -> users.credentialsOf(row.userId())
                        .filter(LoginCredentials::active)
                        .map(user -> new KeyCredentials(user, ApiKeyScope.fromStored(row.scopes()))));
    }

    /**
     * The first characters of a key, as listed and as the login throttle knows a presented key: not enough to use
     * it, enough to tell keys apart.
     */
    public static String prefix(String key) {
        return key.substring(0, Math.min(10, key.length()));
    }

    private static String hash(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
