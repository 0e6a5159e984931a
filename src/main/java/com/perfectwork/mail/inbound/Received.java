package com.perfectwork.mail.inbound;

import com.perfectwork.mail.deliverability.SenderAuthentication;
import com.perfectwork.mail.deliverability.SmtpEnvelope;
import com.perfectwork.mail.storage.StoredContent;
import java.time.Instant;
import java.util.List;

/**
 * A stored mail on its way through the pipeline: its bytes in the filestore (and in memory, {@code bytes}, when it
 * is small and was just received; else null), where it came from, what the inbound log lists of it, and its entry
 * there if it has one already ({@code logId}: a retried mail), else null (a mail just received, whose entry is
 * written with its outcome). {@code notes} say what the parser left out of it, added to its outcome's reason.
 * {@code envelope} is what the receiving session knew of its SMTP transaction; {@code authentication} what the sender
 * checks gave, null until they ran (a retried mail keeps the checks of its first processing, whose envelope is gone).
 */
record Received(
        Long logId,
        Instant receivedAt,
        MailSource source,
        String contentHash,
        long size,
        Headline headline,
        byte[] bytes,
        List<String> notes,
        SmtpEnvelope envelope,
        SenderAuthentication authentication) {

    static Received fresh(
            Instant at,
            MailSource source,
            StoredContent stored,
            Headline headline,
            byte[] bytes,
            SmtpEnvelope envelope) {
        return new Received(null, at, source, stored.hash(), stored.size(), headline, bytes, List.of(), envelope, null);
    }

    Received withNotes(List<String> notes) {
        return new Received(
                logId,
                receivedAt,
                source,
                contentHash,
                size,
                headline,
                bytes,
                List.copyOf(notes),
                envelope,
                authentication);
    }

    Received withAuthentication(SenderAuthentication checked) {
        return new Received(logId, receivedAt, source, contentHash, size, headline, bytes, notes, envelope, checked);
    }

    static Received logged(InboundMail mail) {
        return new Received(
                mail.id(),
                mail.receivedAt(),
                MailSource.of(mail.source()),
                mail.contentHash(),
                mail.size(),
                new Headline(mail.messageIdHeader(), mail.from(), mail.subject()),
                null,
                List.of(),
                SmtpEnvelope.UNKNOWN,
                mail.authentication());
    }
}
