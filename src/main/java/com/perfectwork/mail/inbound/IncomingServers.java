package com.perfectwork.mail.inbound;

import com.perfectwork.mail.core.DomainName;
import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.core.UnknownIdException;
import com.perfectwork.mail.oauth.AccessTokens;
import com.perfectwork.mail.oauth.OAuthProvider;
import com.perfectwork.mail.oauth.OAuthServer;
import com.perfectwork.mail.settings.Secrets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The incoming servers. Any change of where or how to connect sets the server back to draft: it must be
 * tested and confirmed again before it is fetched.
 */
@Component
public class IncomingServers {

    private static final Set<String> PROTOCOLS = Set.of("imap", "pop3");
    private static final Set<String> SECURITIES = Set.of("none", "starttls", "ssl");
    private static final Set<String> AUTHENTICATIONS = Set.of(IncomingServer.LOGIN, IncomingServer.OAUTH2);
    private static final String COLUMNS = """
            id, name, protocol, host, port, security, username, password_encrypted, folder, idle, state, active, priority,
            fallback_model, verify_certificates, last_fetch_at, last_error, failing_since, uid_validity, last_uid,
            authentication, oauth_provider""";

    private final JdbcClient jdbc;
    private final Secrets secrets;
    private final Clock clock;
    private final AccessTokens tokens;

    IncomingServers(JdbcClient jdbc, Secrets secrets, Clock clock, AccessTokens tokens) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.clock = clock;
        this.tokens = tokens;
    }

    public List<IncomingServer> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM incoming_servers ORDER BY priority, id")
                .query(IncomingServers::map)
                .list();
    }

    /** The servers fetchmail takes, lowest priority number first. */
    public List<IncomingServer> fetchable() {
        return list().stream()
                .filter(s -> s.active() && "confirmed".equals(s.state()))
                .toList();
    }

    public Optional<IncomingServer> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM incoming_servers WHERE id = ?")
                .param(id)
                .query(IncomingServers::map)
                .optional();
    }

    public IncomingServer require(long id) {
        return find(id).orElseThrow(() -> new UnknownIdException("incoming mail server", id));
    }

    String password(IncomingServer server) {
        return jdbc.sql("SELECT password_encrypted FROM incoming_servers WHERE id = ?")
                .param(server.id())
                .query(String.class)
                .optional()
                .map(secrets::decrypt)
                .orElse("");
    }

    @Transactional
    public IncomingServer create(IncomingServerDraft draft) {
        String protocol = draft.protocol() == null ? "imap" : draft.protocol();
        String security = draft.security() == null ? "ssl" : draft.security();
        IncomingServerDraft d = new IncomingServerDraft(
                draft.name(),
                protocol,
                draft.host(),
                draft.port() == null ? defaultPort(protocol, security) : draft.port(),
                security,
                draft.username(),
                draft.password(),
                draft.folder() == null ? "INBOX" : draft.folder(),
                draft.idle() != null && draft.idle(),
                draft.active() == null || draft.active(),
                draft.priority() == null ? 5 : draft.priority(),
                draft.fallbackModel(),
                draft.verifyCertificates() == null || draft.verifyCertificates(),
                draft.authentication() == null ? IncomingServer.LOGIN : draft.authentication(),
                draft.oauthProvider());
        check(d);
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO incoming_servers (name, protocol, host, port, security, username, password_encrypted,
                            folder, idle, state, active, priority, fallback_model, verify_certificates, created_at,
                            authentication, oauth_provider)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        d.name().strip(),
                        d.protocol(),
                        d.host().strip(),
                        d.port(),
                        d.security(),
                        d.username(),
                        d.password() == null || d.password().isEmpty() ? null : secrets.encrypt(d.password()),
                        d.folder(),
                        d.idle(),
                        d.active(),
                        d.priority(),
                        blank(d.fallbackModel()),
                        d.verifyCertificates(),
                        OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC),
                        d.authentication(),
                        provider(d))
                .update(key, "id");
        return require(key.getKeyAs(Long.class));
    }

    @Transactional
    public IncomingServer update(long id, IncomingServerDraft draft) {
        IncomingServer c = require(id);
        String protocol = draft.protocol() == null ? c.protocol() : draft.protocol();
        String security = draft.security() == null ? c.security() : draft.security();
        boolean moved = draft.protocol() != null && !draft.protocol().equals(c.protocol())
                || draft.security() != null && !draft.security().equals(c.security());
        IncomingServerDraft d = new IncomingServerDraft(
                draft.name() == null ? c.name() : draft.name(),
                protocol,
                draft.host() == null ? c.host() : draft.host(),
                draft.port() != null ? draft.port() : moved ? defaultPort(protocol, security) : c.port(),
                security,
                draft.username() == null ? c.username() : draft.username(),
                draft.password(),
                draft.folder() == null ? c.folder() : draft.folder(),
                draft.idle() == null ? c.idle() : draft.idle(),
                draft.active() == null ? c.active() : draft.active(),
                draft.priority() == null ? c.priority() : draft.priority(),
                draft.fallbackModel() == null ? c.fallbackModel() : draft.fallbackModel(),
                draft.verifyCertificates() == null ? c.verifyCertificates() : draft.verifyCertificates(),
                draft.authentication() == null ? c.authentication() : draft.authentication(),
                draft.oauthProvider() == null ? c.oauthProvider() : draft.oauthProvider());
        check(d);
        String providerBefore =
                c.oauth2() && c.oauthProvider() != null ? c.oauthProvider().code() : null;
        boolean signInChanged = !d.authentication().equals(c.authentication())
                || providerBefore != null && !providerBefore.equals(provider(d));
        boolean reconnect = !d.host().equals(c.host())
                || d.port() != c.port()
                || !d.protocol().equals(c.protocol())
                || !d.security().equals(c.security())
                || !d.username().equals(c.username())
                || draft.password() != null
                || signInChanged
                || !d.folder().equals(c.folder());
        jdbc.sql("""
                        UPDATE incoming_servers SET name = ?, protocol = ?, host = ?, port = ?, security = ?, username = ?,
                            folder = ?, idle = ?, active = ?, priority = ?, fallback_model = ?, verify_certificates = ?,
                            state = ?, authentication = ?, oauth_provider = ? WHERE id = ?""")
                .params(
                        d.name().strip(),
                        d.protocol(),
                        d.host().strip(),
                        d.port(),
                        d.security(),
                        d.username(),
                        d.folder(),
                        d.idle(),
                        d.active(),
                        d.priority(),
                        blank(d.fallbackModel()),
                        d.verifyCertificates(),
                        reconnect ? "draft" : c.state(),
                        d.authentication(),
                        provider(d),
                        id)
                .update();
        if (providerBefore != null && !providerBefore.equals(provider(d))) {
            // another provider's account, or no OAuth2 any more: the old account's tokens must not be used
            tokens.forget(c.oauthServer());
        }
        if (draft.password() != null) {
            jdbc.sql("UPDATE incoming_servers SET password_encrypted = ? WHERE id = ?")
                    .params(draft.password().isEmpty() ? null : secrets.encrypt(draft.password()), id)
                    .update();
        }
        return require(id);
    }

    @Transactional
    public void delete(long id) {
        if (jdbc.sql("DELETE FROM incoming_servers WHERE id = ?").param(id).update() == 0) {
            throw new UnknownIdException("incoming mail server", id);
        }
        tokens.forget(OAuthServer.incoming(id));
    }

    void confirm(long id) {
        jdbc.sql(
                        "UPDATE incoming_servers SET state = 'confirmed', last_error = NULL, failing_since = NULL WHERE id = ?")
                .param(id)
                .update();
    }

    /** A fetch that reached the mailbox; {@code error} says what it could not take, else null. */
    void fetched(long id, Instant at, String error) {
        jdbc.sql("UPDATE incoming_servers SET last_fetch_at = ?, last_error = ?, failing_since = NULL WHERE id = ?")
                .params(
                        at.atOffset(ZoneOffset.UTC),
                        error == null || error.length() <= 4000 ? error : error.substring(0, 4000),
                        id)
                .update();
    }

    /** Records a failure; returns when the server has been failing since. */
    Instant failed(IncomingServer server, String error, Instant at) {
        Instant since = server.failingSince() == null ? at : server.failingSince();
        jdbc.sql("UPDATE incoming_servers SET last_error = ?, failing_since = ? WHERE id = ?")
                .params(
                        error.length() > 4000 ? error.substring(0, 4000) : error,
                        since.atOffset(ZoneOffset.UTC),
                        server.id())
                .update();
        return since;
    }

    void backToDraft(long id) {
        jdbc.sql("UPDATE incoming_servers SET state = 'draft' WHERE id = ?")
                .param(id)
                .update();
    }

    void remember(long id, long uidValidity, long lastUid) {
        jdbc.sql("UPDATE incoming_servers SET uid_validity = ?, last_uid = ? WHERE id = ?")
                .params(uidValidity, lastUid, id)
                .update();
    }

    /** 993/995 with SSL, 143/110 otherwise, as the form proposes. */
    public static int defaultPort(String protocol, String security) {
        boolean ssl = "ssl".equals(security);
        return "pop3".equals(protocol) ? (ssl ? 995 : 110) : (ssl ? 993 : 143);
    }

    private static void check(IncomingServerDraft d) {
        if (d.name() == null || d.name().isBlank() || d.name().length() > 255) {
            throw new InvalidInputException("name", "is required, at most 255 characters");
        }
        if (!PROTOCOLS.contains(d.protocol())) {
            throw new InvalidInputException("protocol", "must be imap or pop3");
        }
        if (!SECURITIES.contains(d.security())) {
            throw new InvalidInputException("security", "must be none, starttls or ssl");
        }
        if (d.host() == null || d.host().isBlank()) {
            throw new InvalidInputException("host", "is required, like imap.mycompany.com");
        }
        DomainName.parseHost(d.host(), "host");
        if (d.port() < 1 || d.port() > 65535) {
            throw new InvalidInputException("port", "must be between 1 and 65535");
        }
        if (d.username() == null || d.username().isBlank()) {
            throw new InvalidInputException("username", "is required to log in to the mailbox");
        }
        if (!AUTHENTICATIONS.contains(d.authentication())) {
            throw new InvalidInputException("authentication", "must be login or oauth2");
        }
        if (IncomingServer.OAUTH2.equals(d.authentication()) && d.oauthProvider() == null) {
            throw new InvalidInputException("oauthProvider", "is required with OAuth2: google or microsoft");
        }
        if (d.folder() == null || d.folder().isBlank()) {
            throw new InvalidInputException("folder", "is required, like INBOX");
        }
        if (d.idle() && "pop3".equals(d.protocol())) {
            throw new InvalidInputException("idle", "push (IDLE) needs IMAP");
        }
    }

    /** The provider as stored: only an OAuth2 server has one. */
    private static String provider(IncomingServerDraft d) {
        return IncomingServer.OAUTH2.equals(d.authentication()) && d.oauthProvider() != null
                ? d.oauthProvider().code()
                : null;
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static IncomingServer map(ResultSet rs, int row) throws SQLException {
        long validity = rs.getLong("uid_validity");
        Long uidValidity = rs.wasNull() ? null : validity;
        long last = rs.getLong("last_uid");
        Long lastUid = rs.wasNull() ? null : last;
        return new IncomingServer(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("protocol"),
                rs.getString("host"),
                rs.getInt("port"),
                rs.getString("security"),
                rs.getString("username"),
                rs.getString("password_encrypted") != null,
                rs.getString("folder"),
                rs.getBoolean("idle"),
                rs.getString("state"),
                rs.getBoolean("active"),
                rs.getInt("priority"),
                rs.getString("fallback_model"),
                rs.getBoolean("verify_certificates"),
                instant(rs, "last_fetch_at"),
                rs.getString("last_error"),
                instant(rs, "failing_since"),
                uidValidity,
                lastUid,
                rs.getString("authentication"),
                OAuthProvider.parse(rs.getString("oauth_provider"), "oauthProvider"));
    }
}
