package com.perfectwork.mail.directory;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.core.UnknownIdException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The users. Each has a partner (its name and email in the chatter); passwords are stored only as
 * hashes of the configured {@link PasswordEncoder}. There is always at least one active administrator:
 * demoting or deactivating the last one is refused.
 */
@Component
public class UserAccounts {

    static final int MIN_PASSWORD_LENGTH = 8;
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+\\-]{0,127}");
    private static final String SELECT = """
            SELECT u.id, u.login, u.password_hash, u.role, u.partner_id, u.active, u.created_at, u.notification_preference,
                   p.name, p.email
            FROM users u JOIN partners p ON p.id = u.partner_id""";

    private final JdbcClient jdbc;
    private final Partners partners;
    private final PasswordEncoder passwords;
    private final Clock clock;

    UserAccounts(JdbcClient jdbc, Partners partners, PasswordEncoder passwords, Clock clock) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** Creates a user and its partner; a login already taken is a {@link DuplicateKeyException}. */
    @Transactional
    public UserAccount create(NewUser user) {
        if (user.login() == null || !LOGIN.matcher(user.login()).matches()) {
            throw new InvalidInputException(
                    "login", "must be 1 to 128 letters, digits or . _ @ + -, starting with a letter or digit");
        }
        checkPassword(user.password());
        if (findByLogin(user.login()).isPresent()) {
            throw new DuplicateKeyException("the login '" + user.login() + "' is already taken");
        }
        Partner partner = partners.create(
                user.name() == null || user.name().isBlank() ? user.login() : user.name(), user.email());
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql(
                        "INSERT INTO users (login, password_hash, role, partner_id, active, created_at) VALUES (?, ?, ?, ?, TRUE, ?)")
                .params(
                        user.login(),
                        passwords.encode(user.password()),
                        (user.role() == null ? Role.USER : user.role()).name(),
                        partner.id(),
                        OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .update(key, "id");
        return require(key.getKeyAs(Long.class));
    }

    @Transactional
    public UserAccount update(long id, UserChange change) {
        UserAccount current = require(id);
        boolean staysActiveAdmin = (change.role() == null ? current.role() : change.role()) == Role.ADMIN
                && (change.active() == null ? current.active() : change.active());
        if (current.role() == Role.ADMIN && current.active() && !staysActiveAdmin && activeAdmins() <= 1) {
            throw new InvalidInputException(
                    change.role() != null && change.role() != Role.ADMIN ? "role" : "active",
                    "the last active administrator cannot be demoted or deactivated");
        }
        if (change.name() != null || change.email() != null) {
            partners.rename(
                    current.partnerId(), change.name(), change.email() == null ? current.email() : change.email());
        }
        if (change.password() != null) {
            checkPassword(change.password());
            jdbc.sql("UPDATE users SET password_hash = ? WHERE id = ?")
                    .params(passwords.encode(change.password()), id)
                    .update();
        }
        jdbc.sql("UPDATE users SET role = ?, active = ?, notification_preference = ? WHERE id = ?")
                .params(
                        (change.role() == null ? current.role() : change.role()).name(),
                        change.active() == null ? current.active() : change.active(),
                        (change.notificationPreference() == null
                                        ? current.notificationPreference()
                                        : change.notificationPreference())
                                .code(),
                        id)
                .update();
        return require(id);
    }

    public Optional<UserAccount> find(long id) {
        return jdbc.sql(SELECT + " WHERE u.id = ?")
                .param(id)
                .query(UserAccounts::account)
                .optional();
    }

    public UserAccount require(long id) {
        return find(id).orElseThrow(() -> new UnknownIdException("user", id));
    }

    public Optional<UserAccount> findByLogin(String login) {
        return jdbc.sql(SELECT + " WHERE u.login = ?")
                .param(login)
                .query(UserAccounts::account)
                .optional();
    }

    public List<UserAccount> list() {
        return jdbc.sql(SELECT + " ORDER BY u.id").query(UserAccounts::account).list();
    }

    /** What password authentication checks; empty for an unknown login. */
    public Optional<LoginCredentials> credentials(String login) {
        return jdbc.sql(SELECT + " WHERE u.login = ?")
                .param(login)
                .query(UserAccounts::credentials)
                .optional();
    }

    Optional<LoginCredentials> credentialsOf(long userId) {
        return jdbc.sql(SELECT + " WHERE u.id = ?")
                .param(userId)
                .query(UserAccounts::credentials)
                .optional();
    }

    private int activeAdmins() {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE role = 'ADMIN' AND active = TRUE")
                .query(Integer.class)
                .single();
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidInputException("password", "must be at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length() > 72) {
            // bcrypt reads only the first 72 bytes; a longer password would give a false sense of strength
            throw new InvalidInputException("password", "must be at most 72 characters");
        }
    }

    private static UserAccount account(ResultSet rs, int row) throws SQLException {
        return new UserAccount(
                rs.getLong("id"),
                rs.getString("login"),
                rs.getString("name"),
                rs.getString("email"),
                Role.valueOf(rs.getString("role").toUpperCase(Locale.ROOT)),
                rs.getLong("partner_id"),
                rs.getBoolean("active"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                NotificationPreference.valueOf(
                        rs.getString("notification_preference").toUpperCase(Locale.ROOT)));
    }

    private static LoginCredentials credentials(ResultSet rs, int row) throws SQLException {
        return new LoginCredentials(
                rs.getLong("id"),
                rs.getString("login"),
                rs.getString("password_hash"),
                Role.valueOf(rs.getString("role")),
                rs.getLong("partner_id"),
                rs.getBoolean("active"));
    }
}
