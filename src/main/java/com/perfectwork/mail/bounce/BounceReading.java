package com.perfectwork.mail.bounce;

import java.util.List;

/** What {@link DsnParser} read in a mail that looked like a delivery report: a bounce, a complaint, or neither. */
sealed interface BounceReading {

    /**
     * A delivery failure (or, {@code complaint}, a feedback-loop report: the recipient marked the mail as spam).
     * {@code email} is the failed recipient as the report names it, or null; {@code status} the enhanced status
     * code, or null; {@code originals} the Message-IDs that may name the returned mail, the most telling first.
     */
    record Failure(
            String email,
            String status,
            String diagnostic,
            BounceReason reason,
            boolean hard,
            boolean complaint,
            List<String> originals)
            implements BounceReading {}

    /** A delayed-delivery notice, a read receipt, an auto-reply…: nothing failed. */
    record NotABounce(String why) implements BounceReading {}
}
