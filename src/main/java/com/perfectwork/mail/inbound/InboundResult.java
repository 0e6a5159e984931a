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

    /** A mail that went into no thread (dropped, refused, a duplicate); its log entry is not written yet. */
    static InboundResult unposted(InboundOutcome outcome, String reason) {
        return new InboundResult(0, outcome, null, null, null, reason);
    }

    /** A mail posted on a record, or creating it; its log entry is not written yet. */
    static InboundResult posted(InboundOutcome outcome, String model, long recordId, long messageId, String reason) {
        return new InboundResult(0, outcome, model, recordId, messageId, reason);
    }

    /** A report the bounce module understood and recorded; its log entry is not written yet. */
    static InboundResult bounce(BounceReport report, String summary) {
        return new InboundResult(0, InboundOutcome.BOUNCE, null, null, null, summary, report);
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
