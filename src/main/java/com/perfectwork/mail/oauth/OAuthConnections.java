package com.perfectwork.mail.oauth;

import com.perfectwork.mail.settings.Secrets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The servers' tokens, one row per server, encrypted at rest. A refresh is guarded by a lease on the row, taken by a
 * conditional update, so that instances sharing the database refresh a server's tokens one at a time; its outcome is
 * written only by the lease's holder, in one statement (a rotated refresh token with its access token).
 */
@Component
class OAuthConnections {

    /** A server's row as stored, its tokens decrypted. */
    record Connection(
            OAuthServer server,
            OAuthProvider provider,
            String refreshToken,
            String accessToken,
            Instant accessExpiresAt,
            String error,
            Instant refreshingUntil) {

        OAuthStatus status() {
            return new OAuthStatus(error == null && refreshToken != null, error);
        }

        @Override
        public String toString() {
            return "Connection[" + server + ", " + provider + ", error=" + error + "]";
        }
    }

    /** A server that must be connected again, and why. */
    record Disconnected(OAuthServer server, OAuthProvider provider, String error, Instant since) {}

    private static final String COLUMNS = """
            server_kind, server_id, provider, refresh_token_encrypted, access_token_encrypted, access_expires_at, error,
            refreshing_until""";

    private final JdbcClient jdbc;
    private final Secrets secrets;

    OAuthConnections(JdbcClient jdbc, Secrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    Optional<Connection> find(OAuthServer server) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM oauth_connections WHERE server_kind = ? AND server_id = ?")
                .params(server.kind().code(), server.id())
                .query(this::map)
                .optional();
    }

    Map<Long, OAuthStatus> statuses(OAuthServer.Kind kind) {
        Map<Long, OAuthStatus> statuses = new HashMap<>();
        jdbc.sql("SELECT server_id, refresh_token_encrypted, error FROM oauth_connections WHERE server_kind = ?")
                .param(kind.code())
                .query((rs, n) -> statuses.put(
                        rs.getLong(1),
                        new OAuthStatus(rs.getString(3) == null && rs.getString(2) != null, rs.getString(3))))
                .list();
        return statuses;
    }

    List<Disconnected> disconnected() {
        return jdbc.sql("""
                        SELECT server_kind, server_id, provider, error, error_at FROM oauth_connections
                        WHERE error IS NOT NULL ORDER BY error_at""")
                .query((rs, n) -> new Disconnected(
                        new OAuthServer(OAuthServer.Kind.of(rs.getString(1)), rs.getLong(2)),
                        OAuthProvider.parse(rs.getString(3), "provider"),
                        rs.getString(4),
                        instant(rs, "error_at")))
                .list();
    }

    /**
     * Stores the tokens of a server just connected, in place of whatever it had: an error is cleared, and a refresh
     * under way loses its lease, so that its outcome (for the old grant) is not written over these.
     */
    @Transactional
    void connect(OAuthServer server, OAuthProvider provider, ProviderClient.Tokens tokens, Instant now) {
        forget(server);
        jdbc.sql("""
                        INSERT INTO oauth_connections (server_kind, server_id, provider, refresh_token_encrypted,
                            access_token_encrypted, access_expires_at, connected_at, refreshed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        server.kind().code(),
                        server.id(),
                        provider.code(),
                        secrets.encrypt(tokens.refreshToken()),
                        secrets.encrypt(tokens.accessToken()),
                        utc(tokens.expiresAt()),
                        utc(now),
                        utc(now))
                .update();
    }

    /** Takes the refresh of a server's tokens, unless another holds it; false when another does (or it is gone). */
    boolean lease(OAuthServer server, String owner, Instant now, Instant until) {
        return jdbc.sql("""
                        UPDATE oauth_connections SET refreshing_by = ?, refreshing_until = ?
                        WHERE server_kind = ? AND server_id = ? AND error IS NULL AND refresh_token_encrypted IS NOT NULL
                        AND (refreshing_until IS NULL OR refreshing_until < ?)""")
                        .params(owner, utc(until), server.kind().code(), server.id(), utc(now))
                        .update()
                == 1;
    }

    /**
     * The refresh's outcome, written by the lease's holder only, in one statement: the new access token, and a
     * rotated refresh token in place of the old one. False when the lease was lost (taken over, or the server
     * connected anew meanwhile): nothing is written.
     */
    boolean refreshed(OAuthServer server, String owner, ProviderClient.Tokens tokens, Instant now) {
        String rotated = tokens.refreshToken() == null ? "" : "refresh_token_encrypted = ?, ";
        JdbcClient.StatementSpec update = jdbc.sql("UPDATE oauth_connections SET " + rotated + """
                access_token_encrypted = ?, access_expires_at = ?, refreshed_at = ?, refreshing_by = NULL,
                refreshing_until = NULL WHERE server_kind = ? AND server_id = ? AND refreshing_by = ?""");
        if (tokens.refreshToken() != null) {
            update = update.param(secrets.encrypt(tokens.refreshToken()));
        }
        return update.param(secrets.encrypt(tokens.accessToken()))
                        .param(utc(tokens.expiresAt()))
                        .param(utc(now))
                        .param(server.kind().code())
                        .param(server.id())
                        .param(owner)
                        .update()
                == 1;
    }

    /** The provider refused the grant: the tokens are dropped and the server waits to be connected again. */
    void refused(OAuthServer server, String owner, String error, Instant now) {
        jdbc.sql("""
                        UPDATE oauth_connections SET error = ?, error_at = ?, refresh_token_encrypted = NULL,
                            access_token_encrypted = NULL, access_expires_at = NULL, refreshing_by = NULL,
                            refreshing_until = NULL
                        WHERE server_kind = ? AND server_id = ? AND refreshing_by = ?""")
                .params(
                        error.length() > 2000 ? error.substring(0, 2000) : error,
                        utc(now),
                        server.kind().code(),
                        server.id(),
                        owner)
                .update();
    }

    /** Gives the lease back without an outcome (the provider could not be reached): the next asker tries again. */
    void release(OAuthServer server, String owner) {
        jdbc.sql("""
                        UPDATE oauth_connections SET refreshing_by = NULL, refreshing_until = NULL
                        WHERE server_kind = ? AND server_id = ? AND refreshing_by = ?""").params(server.kind().code(), server.id(), owner).update();
    }

    void forget(OAuthServer server) {
        jdbc.sql("DELETE FROM oauth_connections WHERE server_kind = ? AND server_id = ?")
                .params(server.kind().code(), server.id())
                .update();
    }

    private Connection map(ResultSet rs, int row) throws SQLException {
        return new Connection(
                new OAuthServer(OAuthServer.Kind.of(rs.getString("server_kind")), rs.getLong("server_id")),
                OAuthProvider.parse(rs.getString("provider"), "provider"),
                secrets.decrypt(rs.getString("refresh_token_encrypted")),
                secrets.decrypt(rs.getString("access_token_encrypted")),
                instant(rs, "access_expires_at"),
                rs.getString("error"),
                instant(rs, "refreshing_until"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
