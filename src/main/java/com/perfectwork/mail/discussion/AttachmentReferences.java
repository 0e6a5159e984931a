package com.perfectwork.mail.discussion;

import com.perfectwork.mail.storage.ContentReferences;
import java.util.Collection;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The files of the attachments of messages, kept as long as their messages. */
@Component
class AttachmentReferences implements ContentReferences {

    private final JdbcClient jdbc;

    AttachmentReferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> referenced(Collection<String> hashes) {
        return ContentReferences.heldIn(jdbc, "attachments", "content_hash", hashes);
    }
}
