package com.perfectwork.mail.oauth;

import com.perfectwork.mail.settings.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The authorizations under way, one row per {@code state}, in the database so that any instance takes the provider's
 * answer. The state itself is kept only as its SHA-256 (a read of the table gives nothing to answer with) and the PKCE
 * code verifier encrypted; {@link #take} hands a row out once.
 */
@Component
class PendingAuthorizations {

    /** What an authorization was started for. */
    record Pending(
            OAuthServer server,
            OAuthProvider provider,
            String codeVerifier,
            String login,
            boolean sessionBound,
            Instant expiresAt) {}

    private final JdbcClient jdbc;
    private final Secrets secrets;

    PendingAuthorizations(JdbcClient jdbc, Secrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    void add(String state, Pending pending, Instant now) {
        // the ones nobody came back for go as new ones come
        jdbc.sql("DELETE FROM oauth_authorizations WHERE expires_at < ?")
                .param(utc(now))
                .update();
        jdbc.sql("""
                        INSERT INTO oauth_authorizations (state_hash, server_kind, server_id, provider,
                            code_verifier_encrypted, user_login, session_bound, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        hash(state),
                        pending.server().kind().code(),
                        pending.server().id(),
                        pending.provider().code(),
                        secrets.encrypt(pending.codeVerifier()),
                        pending.login(),
                        pending.sessionBound(),
                        utc(pending.expiresAt()))
                .update();
    }

    /**
     * The authorization of this state, removed as it is read: of two answers carrying the same state (a reload, a
     * replay), only the first finds it. Expired ones are handed out too, for the caller to say so.
     */
    Optional<Pending> take(String state) {
        String hash = hash(state);
        Optional<Pending> pending = jdbc.sql("""
                        SELECT server_kind, server_id, provider, code_verifier_encrypted, user_login, session_bound,
                            expires_at FROM oauth_authorizations WHERE state_hash = ?""")
                .param(hash)
                .query((rs, n) -> new Pending(
                        new OAuthServer(OAuthServer.Kind.of(rs.getString(1)), rs.getLong(2)),
                        OAuthProvider.parse(rs.getString(3), "provider"),
                        secrets.decrypt(rs.getString(4)),
                        rs.getString(5),
                        rs.getBoolean(6),
                        rs.getObject(7, OffsetDateTime.class).toInstant()))
                .optional();
        boolean mine = jdbc.sql("DELETE FROM oauth_authorizations WHERE state_hash = ?")
                        .param(hash)
                        .update()
                == 1;
        return mine ? pending : Optional.empty();
    }

    private static String hash(String state) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
