package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.storage.ContentReferences;
import java.util.Collection;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The composed answers to senders and notices to administrators, kept as long as their row of the queue. */
@Component
class AnswerReferences implements ContentReferences {

    private final JdbcClient jdbc;

    AnswerReferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> referenced(Collection<String> hashes) {
        return ContentReferences.heldIn(jdbc, "outgoing_mails", "raw_hash", hashes);
    }
}
