package com.perfectwork.mail.deliverability;

import com.perfectwork.mail.core.ConflictException;
import com.perfectwork.mail.core.DomainName;
import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.core.UnknownIdException;
import com.perfectwork.mail.settings.Secrets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * The DKIM keys of the sending domains. A key is generated here and its private half never leaves: it is stored
 * encrypted with the {@link Secrets} key and read back only to sign. Rotation is a second key with a new selector:
 * when a domain has several active keys, the newest signs, and the older ones can stay published until the mail
 * they signed is delivered.
 */
@Component
public class DkimKeys {

    /** How long a domain's signing key is kept in memory: another instance's change is seen within this delay. */
    static final Duration CACHED = Duration.ofSeconds(30);

    private static final String COLUMNS = "id, domain, selector, algorithm, public_key, active, created_at";
    private static final Pattern SELECTOR =
            Pattern.compile("[a-z0-9]([a-z0-9\\-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9\\-]{0,61}[a-z0-9])?)*");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

    private final JdbcClient jdbc;
    private final Secrets secrets;
    private final Clock clock;
    private final Map<String, Cached> signing = new ConcurrentHashMap<>();

    private record Cached(Optional<SigningKey> key, Instant until) {}

    DkimKeys(JdbcClient jdbc, Secrets secrets, Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.clock = clock;
    }

    /**
     * Generates a key pair for {@code domain} and stores it, active.
     *
     * @param selector null for {@code pw<yyyymm>} (with a letter added when that one is taken)
     * @param algorithm {@code rsa-sha256} (2048 bits, the default when null) or {@code ed25519-sha256}
     * @throws InvalidInputException naming {@code domain}, {@code selector} or {@code algorithm}
     * @throws ConflictException when the domain has a key with this selector already
     */
    public DkimKey generate(String domain, String selector, String algorithm) {
        return generate(domain, selector, algorithm, true);
    }

    /**
     * As {@link #generate(String, String, String)}, the key active or not: an inactive key signs nothing until
     * activated, which leaves the time to publish its record first.
     */
    public DkimKey generate(String domain, String selector, String algorithm, boolean active) {
        String name = ascii(DomainName.parse(domain, "domain"));
        String chosen = selector == null || selector.isBlank() ? freeSelector(name) : selector(selector);
        KeyMaterial material = KeyMaterial.generate(algorithm(algorithm));
        if (jdbc.sql("SELECT COUNT(*) FROM dkim_keys WHERE domain = ? AND selector = ?")
                        .params(name, chosen)
                        .query(Integer.class)
                        .single()
                > 0) {
            throw new ConflictException("the domain " + name + " has a key with the selector " + chosen + " already");
        }
        KeyHolder id = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO dkim_keys (domain, selector, algorithm, private_key_encrypted, public_key,"
                        + " active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        name,
                        chosen,
                        material.algorithm(),
                        secrets.encrypt(material.privateKeyBase64()),
                        material.publicKeyBase64(),
                        active,
                        OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .update(id, "id");
        signing.remove(name);
        return require(id.getKeyAs(Long.class));
    }

    /** Every key, by domain then newest first. */
    public List<DkimKey> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dkim_keys ORDER BY domain, created_at DESC, id DESC")
                .query(DkimKeys::key)
                .list();
    }

    /** The active keys of {@code domain}, newest first: the first one signs. */
    public List<DkimKey> active(String domain) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM dkim_keys WHERE domain = ? AND active = TRUE ORDER BY created_at DESC, id DESC")
                .param(ascii(domain))
                .query(DkimKeys::key)
                .list();
    }

    /** @throws UnknownIdException when there is no such key */
    public DkimKey require(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dkim_keys WHERE id = ?")
                .param(id)
                .query(DkimKeys::key)
                .optional()
                .orElseThrow(() -> new UnknownIdException("DKIM key", id));
    }

    /** Activates or deactivates a key: an inactive key signs nothing but stays, with its record, until deleted. */
    public DkimKey setActive(long id, boolean active) {
        DkimKey key = require(id);
        jdbc.sql("UPDATE dkim_keys SET active = ? WHERE id = ?")
                .params(active, id)
                .update();
        signing.remove(key.domain());
        return require(id);
    }

    /** Deletes a key for good: mail it signed fails verification once its record is withdrawn too. */
    public void delete(long id) {
        DkimKey key = require(id);
        jdbc.sql("DELETE FROM dkim_keys WHERE id = ?").param(id).update();
        signing.remove(key.domain());
    }

    /** The key that signs the mail of {@code domain} (the newest active one), if any; kept briefly in memory. */
    Optional<SigningKey> signingKey(String domain) {
        String name;
        try {
            name = ascii(domain);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not a domain a key could have been generated for
        }
        Instant now = clock.instant();
        Cached cached = signing.get(name);
        if (cached == null || now.isAfter(cached.until())) {
            cached = new Cached(load(name), now.plus(CACHED));
            signing.put(name, cached);
        }
        return cached.key();
    }

    private Optional<SigningKey> load(String domain) {
        return jdbc
                .sql("SELECT id, selector, algorithm, private_key_encrypted FROM dkim_keys"
                        + " WHERE domain = ? AND active = TRUE ORDER BY created_at DESC, id DESC")
                .param(domain)
                .query((rs, row) -> new SigningKey(
                        domain,
                        rs.getString("selector"),
                        rs.getString("algorithm"),
                        KeyMaterial.privateKey(
                                rs.getString("algorithm"), secrets.decrypt(rs.getString("private_key_encrypted")))))
                .list()
                .stream()
                .findFirst();
    }

    /**
     * A domain as keys are stored and as {@code d=} names it: lower case, internationalized labels in their ASCII
     * form (RFC 6376 section 3.5 takes the domain as DNS does).
     */
    private static String ascii(String domain) {
        return java.net.IDN.toASCII(domain.strip().toLowerCase(Locale.ROOT), java.net.IDN.ALLOW_UNASSIGNED);
    }

    private String freeSelector(String domain) {
        String base = "pw" + MONTH.format(OffsetDateTime.now(clock));
        List<String> taken = jdbc.sql("SELECT selector FROM dkim_keys WHERE domain = ?")
                .param(domain)
                .query(String.class)
                .list();
        String candidate = base;
        for (char suffix = 'b'; taken.contains(candidate); suffix++) {
            candidate = base + suffix;
        }
        return candidate;
    }

    private static String selector(String text) {
        String selector = text.strip().toLowerCase(Locale.ROOT);
        if (selector.length() > 63 || !SELECTOR.matcher(selector).matches()) {
            throw new InvalidInputException(
                    "selector", "'" + text + "' is not a selector: letters, digits and hyphens, like pw202612");
        }
        return selector;
    }

    private static String algorithm(String text) {
        if (text == null || text.isBlank()) {
            return DkimKey.RSA_SHA256;
        }
        String algorithm = text.strip().toLowerCase(Locale.ROOT);
        if (!algorithm.equals(DkimKey.RSA_SHA256) && !algorithm.equals(DkimKey.ED25519_SHA256)) {
            throw new InvalidInputException("algorithm", "must be rsa-sha256 or ed25519-sha256");
        }
        return algorithm;
    }

    private static DkimKey key(ResultSet rs, int row) throws SQLException {
        String domain = rs.getString("domain");
        String selector = rs.getString("selector");
        String algorithm = rs.getString("algorithm");
        String k = DkimKey.ED25519_SHA256.equals(algorithm) ? "ed25519" : "rsa";
        return new DkimKey(
                rs.getLong("id"),
                domain,
                selector,
                algorithm,
                selector + "._domainkey." + domain,
                "v=DKIM1; k=" + k + "; p=" + rs.getString("public_key"),
                rs.getBoolean("active"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
