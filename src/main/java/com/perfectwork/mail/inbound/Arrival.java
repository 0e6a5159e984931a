package com.perfectwork.mail.inbound;

import com.perfectwork.mail.routing.ParsedMail;
import com.perfectwork.mail.routing.SenderTrust;
import java.util.Optional;

/**
 * A stored mail once parsed, as routing and acting see it: what the pipeline knows of it ({@code received}, with what
 * the parser left out of it in its notes), what it says ({@code parsed}), and how far its From address names its
 * sender ({@code trust}, from its sender checks).
 */
record Arrival(Received received, ParsedMail parsed, SenderTrust trust) {

    static Arrival of(Received received, ParsedMail parsed) {
        return new Arrival(
                received.withNotes(parsed.notes()),
                parsed,
                SenderVerification.trust(received.authentication(), parsed));
    }

    /**
     * The sender's normalized address, null when the mail names none; kept with the outcome, since the loop guard
     * counts a sender's posts and creations from the inbound log.
     */
    String sender() {
        return parsed.from() == null ? null : parsed.from().normalized();
    }

    /** Why DMARC says its From is not its sender's (sender checks rule 1); empty when it does not. */
    Optional<String> forgery() {
        return SenderVerification.refusal(received.authentication(), parsed);
    }
}
