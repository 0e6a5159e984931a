package com.perfectwork.mail.inbound;

import java.time.Instant;

/** A received mail in the inbound log: where it came from, what it is, what became of it and why. */
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
        int attempts) {}
