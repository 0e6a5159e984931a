package com.perfectwork.mail.inbound;

import com.perfectwork.mail.storage.StoredContent;
import java.time.Instant;
import java.util.List;

/**
 * A stored mail on its way through the pipeline: its bytes in the filestore (and in memory, {@code bytes}, when it
 * is small and was just received; else null), where it came from, what the inbound log lists of it, and its entry
 * there if it has one already ({@code logId}: a retried mail), else null (a mail just received, whose entry is
 * written with its outcome). {@code notes} say what the parser left out of it, added to its outcome's reason.
 */
record Received(
        Long logId,
        Instant receivedAt,
        String source,
        String contentHash,
        long size,
        Headline headline,
        byte[] bytes,
        List<String> notes) {

    static Received fresh(Instant at, String source, StoredContent stored, Headline headline, byte[] bytes) {
        return new Received(null, at, source, stored.hash(), stored.size(), headline, bytes, List.of());
    }

    Received withNotes(List<String> notes) {
        return new Received(logId, receivedAt, source, contentHash, size, headline, bytes, List.copyOf(notes));
    }

    static Received logged(InboundMail mail) {
        return new Received(
                mail.id(),
                mail.receivedAt(),
                mail.source(),
                mail.contentHash(),
                mail.size(),
                new Headline(mail.messageIdHeader(), mail.from(), mail.subject()),
                null,
                List.of());
    }
}
