package com.perfectwork.mail.bounce;

import java.util.List;

/** What {@link DsnParser} read in a mail that looked like a delivery report: a bounce, a complaint, or neither. */
sealed interface BounceReading {

    /**
     * A delivery failure (or, {@code complaint}, a feedback-loop report: the recipient marked the mail as spam; or,
     * {@code delayed}, a delay warning: the mail server still tries, the mail may yet arrive). {@code email} is the
     * failed recipient as the report names it, or null; {@code status} the enhanced status code, or null;
     * {@code originals} the Message-IDs that may name the returned mail, the most telling first.
     */
    record Failure(
            String email,
            String status,
            String diagnostic,
            BounceReason reason,
            boolean hard,
            boolean complaint,
            boolean delayed,
            List<String> originals)
            implements BounceReading {}

    /** A read receipt, an auto-reply, a delivery notice…: nothing failed. */
    record NotABounce(String why) implements BounceReading {}
}
