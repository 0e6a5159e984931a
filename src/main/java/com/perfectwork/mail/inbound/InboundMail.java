package com.perfectwork.mail.inbound;

import com.perfectwork.mail.deliverability.SenderAuthentication;
import java.time.Instant;

/**
 * A received mail in the inbound log: where it came from, what it is, what became of it and why; {@code authentication}
 * what the sender checks gave (null for a mail logged before the server checked senders).
 */
public record InboundMail(
        long id,
        Instant receivedAt,
        String source,
        String contentHash,
        long size,
        String messageIdHeader,
        String from,
        String subject,
        InboundOutcome outcome,
        String reason,
        String errorDetail,
        String model,
        Long recordId,
        Long chatterMessageId,
        int attempts,
        SenderAuthentication authentication) {}
