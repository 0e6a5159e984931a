package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.core.DomainName;
import com.perfectwork.mail.core.FromFilter;
import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.core.UnknownIdException;
import com.perfectwork.mail.oauth.AccessTokens;
import com.perfectwork.mail.oauth.OAuthProvider;
import com.perfectwork.mail.oauth.OAuthServer;
import com.perfectwork.mail.settings.DeploymentSettings;
import com.perfectwork.mail.settings.MailDomainSettings;
import com.perfectwork.mail.settings.Secrets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outgoing servers (Settings ‣ Discuss ‣ Outgoing Email Servers). Passwords are stored encrypted by
 * {@link Secrets} and decrypted only to connect. In hosted mode port 25 is refused, as the documentation's
 * "Port restriction" says.
 */
@Component
public class MailServers {

    /** The port hosted mode refuses (the documentation's "Port restriction"), on save and at send time. */
    static final int BLOCKED_PORT = 25;

    static final String PORT_BLOCKED =
            "port 25 is blocked for security reasons on hosted databases; try 465, 587 or 2525 instead";

    private static final String COLUMNS = """
            id, name, host, port, encryption, authentication, username, password_encrypted, from_filter, priority, active,
            verify_certificates, created_at, rate_per_minute, oauth_provider""";

    private final JdbcClient jdbc;
    private final Secrets secrets;
    private final DeploymentSettings deployment;
    private final MailDomainSettings mailSettings;
    private final OutgoingSettings settings;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final AccessTokens tokens;

    MailServers(
            JdbcClient jdbc,
            Secrets secrets,
            DeploymentSettings deployment,
            MailDomainSettings mailSettings,
            OutgoingSettings settings,
            Clock clock,
            ApplicationEventPublisher events,
            AccessTokens tokens) {
        this.events = events;
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.deployment = deployment;
        this.mailSettings = mailSettings;
        this.settings = settings;
        this.clock = clock;
    }

    /** All server records, by priority (lower first), then creation order. */
    public List<MailServer> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM mail_servers ORDER BY priority, id")
                .query(MailServers::map)
                .list();
    }

    /** The active ones, in the order the server choice takes them. */
    public List<MailServer> active() {
        return list().stream().filter(MailServer::active).toList();
    }

    public Optional<MailServer> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM mail_servers WHERE id = ?")
                .param(id)
                .query(MailServers::map)
                .optional();
    }

    public MailServer require(long id) {
        return find(id).orElseThrow(() -> new UnknownIdException("outgoing mail server", id));
    }

    /** The server of {@code perfectwork.mail.smtp.*}, its filter {@code mail.default.from_filter}; empty when unset. */
    public Optional<MailServer> configured() {
        OutgoingSettings.Smtp smtp = settings.smtp();
        if (smtp.host() == null || smtp.host().isBlank()) {
            return Optional.empty();
        }
        boolean login = smtp.username() != null && !smtp.username().isBlank();
        return Optional.of(new MailServer(
                null,
                "configured server",
                smtp.host(),
                smtp.port(),
                smtp.encryption(),
                login ? Authentication.LOGIN : Authentication.NONE,
                smtp.username(),
                smtp.password() != null,
                FromFilter.of(mailSettings.defaultFromFilter().orElse(null)),
                0,
                true,
                smtp.verifyCertificates(),
                null,
                null,
                null));
    }

    /** The password to log in with; never logged, never returned by the API. */
    String password(MailServer server) {
        if (server.configured()) {
            return settings.smtp().password();
        }
        return jdbc.sql("SELECT password_encrypted FROM mail_servers WHERE id = ?")
                .param(server.id())
                .query(String.class)
                .optional()
                .map(secrets::decrypt)
                .orElse(null);
    }

    @Transactional
    public MailServer create(MailServerDraft draft) {
        Encryption encryption = draft.encryption() == null ? Encryption.NONE : draft.encryption();
        MailServerDraft complete = new MailServerDraft(
                draft.name(),
                draft.host(),
                draft.port() == null ? defaultPort(encryption) : draft.port(),
                encryption,
                draft.authentication() == null
                        ? (draft.username() == null || draft.username().isBlank()
                                ? Authentication.NONE
                                : Authentication.LOGIN)
                        : draft.authentication(),
                draft.username(),
                draft.password(),
                draft.fromFilter(),
                draft.priority() == null ? 10 : draft.priority(),
                draft.active() == null || draft.active(),
                draft.verifyCertificates() == null || draft.verifyCertificates(),
                draft.ratePerMinute(),
                draft.oauthProvider());
        check(complete);
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO mail_servers (name, host, port, encryption, authentication, username, password_encrypted,
                    from_filter, priority, active, verify_certificates, created_at, rate_per_minute, oauth_provider)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        complete.name().strip(),
                        complete.host().strip(),
                        complete.port(),
                        lower(complete.encryption()),
                        lower(complete.authentication()),
                        blankToNull(complete.username()),
                        blankToNull(complete.password()) == null ? null : secrets.encrypt(complete.password()),
                        FromFilter.parse(complete.fromFilter(), "fromFilter").toString(),
                        complete.priority(),
                        complete.active(),
                        complete.verifyCertificates(),
                        OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC),
                        rate(complete.ratePerMinute()),
                        provider(complete))
                .update(key, "id");
        events.publishEvent(new MailServersChanged());
        return require(key.getKeyAs(Long.class));
    }

    @Transactional
    public MailServer update(long id, MailServerDraft draft) {
        MailServer current = require(id);
        Encryption encryption = draft.encryption() == null ? current.encryption() : draft.encryption();
        MailServerDraft merged = new MailServerDraft(
                draft.name() == null ? current.name() : draft.name(),
                draft.host() == null ? current.host() : draft.host(),
                draft.port() != null
                        ? draft.port()
                        : draft.encryption() != null && draft.encryption() != current.encryption()
                                ? defaultPort(encryption)
                                : current.port(),
                encryption,
                draft.authentication() == null ? current.authentication() : draft.authentication(),
                draft.username() == null ? current.username() : draft.username(),
                draft.password(),
                draft.fromFilter() == null ? current.fromFilter().toString() : draft.fromFilter(),
                draft.priority() == null ? current.priority() : draft.priority(),
                draft.active() == null ? current.active() : draft.active(),
                draft.verifyCertificates() == null ? current.verifyCertificates() : draft.verifyCertificates(),
                draft.ratePerMinute() == null ? current.ratePerMinute() : draft.ratePerMinute(),
                draft.oauthProvider() == null ? current.oauthProvider() : draft.oauthProvider());
        check(merged);
        jdbc.sql("""
                UPDATE mail_servers SET name = ?, host = ?, port = ?, encryption = ?, authentication = ?, username = ?,
                    from_filter = ?, priority = ?, active = ?, verify_certificates = ?, rate_per_minute = ?,
                    oauth_provider = ? WHERE id = ?""")
                .params(
                        merged.name().strip(),
                        merged.host().strip(),
                        merged.port(),
                        lower(merged.encryption()),
                        lower(merged.authentication()),
                        blankToNull(merged.username()),
                        FromFilter.parse(merged.fromFilter(), "fromFilter").toString(),
                        merged.priority(),
                        merged.active(),
                        merged.verifyCertificates(),
                        rate(merged.ratePerMinute()),
                        provider(merged),
                        id)
                .update();
        String before = current.oauth2() && current.oauthProvider() != null
                ? current.oauthProvider().code()
                : null;
        if (before != null && !before.equals(provider(merged))) {
            // another provider's account, or no OAuth2 any more: the tokens of the old account must not be used
            tokens.forget(current.oauthServer());
        }
        if (draft.password() != null) {
            jdbc.sql("UPDATE mail_servers SET password_encrypted = ? WHERE id = ?")
                    .params(draft.password().isEmpty() ? null : secrets.encrypt(draft.password()), id)
                    .update();
        }
        events.publishEvent(new MailServersChanged());
        return require(id);
    }

    @Transactional
    public void delete(long id) {
        if (jdbc.sql("DELETE FROM mail_servers WHERE id = ?").param(id).update() == 0) {
            throw new UnknownIdException("outgoing mail server", id);
        }
        tokens.forget(OAuthServer.outgoing(id));
    }

    /**
     * Why a server may not be used, whenever it was saved (before the switch to hosted mode) or wherever it comes
     * from (the server configured by deployment): in hosted mode, port 25, in the words of a refused save. Empty when
     * it may be used.
     */
    static Optional<String> refusal(MailServer server, boolean hosted) {
        return hosted && server.port() == BLOCKED_PORT
                ? Optional.of(server.label() + ": " + PORT_BLOCKED)
                : Optional.empty();
    }

    /** The port a form proposes for an encryption: 465 for SSL, 587 for STARTTLS, 25 for none. */
    public static int defaultPort(Encryption encryption) {
        return switch (encryption) {
            case SSL -> 465;
            case STARTTLS -> 587;
            case NONE -> 25;
        };
    }

    private void check(MailServerDraft draft) {
        if (draft.name() == null || draft.name().isBlank() || draft.name().length() > 255) {
            throw new InvalidInputException("name", "is required, at most 255 characters");
        }
        if (draft.host() == null || draft.host().isBlank()) {
            throw new InvalidInputException("host", "is required, like smtp.mycompany.com");
        }
        DomainName.parseHost(draft.host(), "host");
        if (draft.port() < 1 || draft.port() > 65535) {
            throw new InvalidInputException("port", "must be between 1 and 65535");
        }
        if (deployment.online() && draft.port() == BLOCKED_PORT) {
            throw new InvalidInputException("port", PORT_BLOCKED);
        }
        if (draft.authentication() == Authentication.LOGIN
                && (draft.username() == null || draft.username().isBlank())) {
            throw new InvalidInputException("username", "is required to log in");
        }
        if (draft.authentication() == Authentication.OAUTH2) {
            if (draft.oauthProvider() == null) {
                throw new InvalidInputException("oauthProvider", "is required with OAuth2: google or microsoft");
            }
            if (draft.username() == null || draft.username().isBlank()) {
                throw new InvalidInputException(
                        "username",
                        "is required with OAuth2: the address of the account that sends, like"
                                + " sales@mycompany.com");
            }
        }
        if (draft.priority() < 0) {
            throw new InvalidInputException("priority", "must be 0 or more");
        }
        FromFilter.parse(draft.fromFilter(), "fromFilter");
        if (draft.ratePerMinute() != null && draft.ratePerMinute() < 0) {
            throw new InvalidInputException("ratePerMinute", "must be 0 (no limit) or more");
        }
    }

    /** The provider as stored: only an OAuth2 server has one. */
    private static String provider(MailServerDraft draft) {
        return draft.authentication() == Authentication.OAUTH2 && draft.oauthProvider() != null
                ? draft.oauthProvider().code()
                : null;
    }

    /** A rate as stored: null for no limit (0 or unset). */
    private static Integer rate(Integer ratePerMinute) {
        return ratePerMinute == null || ratePerMinute == 0 ? null : ratePerMinute;
    }

    private static MailServer map(ResultSet rs, int row) throws SQLException {
        return new MailServer(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("host"),
                rs.getInt("port"),
                Encryption.valueOf(rs.getString("encryption").toUpperCase(Locale.ROOT)),
                Authentication.valueOf(rs.getString("authentication").toUpperCase(Locale.ROOT)),
                rs.getString("username"),
                rs.getString("password_encrypted") != null,
                FromFilter.of(rs.getString("from_filter")),
                rs.getInt("priority"),
                rs.getBoolean("active"),
                rs.getBoolean("verify_certificates"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("rate_per_minute", Integer.class),
                OAuthProvider.parse(rs.getString("oauth_provider"), "oauthProvider"));
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
