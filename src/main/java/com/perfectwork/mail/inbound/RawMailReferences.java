package com.perfectwork.mail.inbound;

import com.perfectwork.mail.storage.ContentReferences;
import java.util.Collection;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The raw bytes of received mails, kept as long as their entry of the inbound log. */
@Component
class RawMailReferences implements ContentReferences {

    private final JdbcClient jdbc;

    RawMailReferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> referenced(Collection<String> hashes) {
        return ContentReferences.heldIn(jdbc, "inbound_mails", "content_hash", hashes);
    }
}
