package com.perfectwork.mail.bounce;

/**
 * A bounce as understood: the failed recipient (normalized, or null), the enhanced status code (or null), the
 * reason, whether it is permanent, whether it is a feedback-loop complaint, and the outgoing mail it is for (or
 * null). {@code diagnostic} is what the receiving server said. {@code attributed}: the report is proven to be about
 * a mail we sent to that address (its tag verifies, or it returns the Message-ID of one); only then did it change
 * anything.
 */
public record BounceReport(
        String email,
        String statusCode,
        BounceReason reason,
        boolean hard,
        boolean complaint,
        Long mailId,
        String diagnostic,
        boolean attributed) {}
