package com.perfectwork.mail.inbound;

import com.perfectwork.mail.bounce.BounceReport;
import java.util.List;

/**
 * The answer to a source: the outcome, where the mail went, and the stored message. {@code logId} is the
 * mail's entry in the inbound log; {@code bounce} what a bounce was understood as, null for any other outcome.
 */
public record InboundResult(
        long logId,
        InboundOutcome outcome,
        String model,
        Long recordId,
        Long messageId,
        String reason,
        BounceReport bounce) {

    public InboundResult(
            long logId, InboundOutcome outcome, String model, Long recordId, Long messageId, String reason) {
        this(logId, outcome, model, recordId, messageId, reason, null);
    }

    /** This result with the notes added to its reason. */
    InboundResult noted(List<String> notes) {
        if (notes.isEmpty()) {
            return this;
        }
        String noted = String.join("; ", notes);
        return new InboundResult(
                logId, outcome, model, recordId, messageId, reason == null ? noted : reason + "; " + noted, bounce);
    }
}
