package com.perfectwork.mail.deliverability;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The DKIM keys of the sending domains. */
@Component
public class DkimKeys {

    private static final String COLUMNS = "id, domain, selector, algorithm, public_key, active, created_at";

    private final JdbcClient jdbc;

    DkimKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every key, by domain then newest first. */
    public List<DkimKey> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dkim_keys ORDER BY domain, created_at DESC, id DESC")
                .query(DkimKeys::key)
                .list();
    }

    /** The active keys of {@code domain} (lower-case), newest first: the first one signs. */
    public List<DkimKey> active(String domain) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM dkim_keys WHERE domain = ? AND active = TRUE ORDER BY created_at DESC, id DESC")
                .param(domain.toLowerCase(java.util.Locale.ROOT))
                .query(DkimKeys::key)
                .list();
    }

    private static DkimKey key(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
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
                rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant());
    }
}
