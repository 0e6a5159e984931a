package com.perfectwork.mail.inbound;

/**
 * The answer to a source: the outcome, where the mail went, and the stored message. {@code logId} is the
 * mail's entry in the inbound log.
 */
public record InboundResult(
        long logId, InboundOutcome outcome, String model, Long recordId, Long messageId, String reason) {}
