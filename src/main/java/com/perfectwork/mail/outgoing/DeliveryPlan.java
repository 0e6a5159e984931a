package com.perfectwork.mail.outgoing;

import jakarta.mail.internet.InternetAddress;

/** What to do with a claimed mail: send it as planned, or settle it without a connection. */
sealed interface DeliveryPlan {

    OutgoingMail mail();

    /** Send over {@code choice.server()} with this envelope sender and these headers. */
    record Send(
            OutgoingMail mail,
            MailComposer composer,
            ServerChoice choice,
            String envelopeFrom,
            InternetAddress to,
            InternetAddress replyTo)
            implements DeliveryPlan {}

    /** The mail could not be prepared: an attempt that failed before any connection. */
    record Unprepared(OutgoingMail mail, String reason) implements DeliveryPlan {}

    /** A mail that must not go (a mass mail to a blacklisted address): canceled, with the reason. */
    record Cancel(OutgoingMail mail, String reason) implements DeliveryPlan {}

    /** Decided without sending: an impossible address (failed) or no server yet (waiting). */
    record Settle(OutgoingMail mail, DeliveryResult result) implements DeliveryPlan {}
}
