package com.perfectwork.mail.bounce;

/**
 * A bounce as understood: the failed recipient (normalized, or null), the enhanced status code (or null), the
 * reason, whether it is permanent, whether it is a feedback-loop complaint, and the outgoing mail it is for (or
 * null). {@code diagnostic} is what the receiving server said.
 */
public record BounceReport(
        String email,
        String statusCode,
        BounceReason reason,
        boolean hard,
        boolean complaint,
        Long mailId,
        String diagnostic) {}
