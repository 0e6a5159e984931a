package com.perfectwork.mail.outgoing;

import jakarta.mail.internet.InternetAddress;

/** What to do with a claimed mail: send it as planned, or settle it without a connection. */
sealed interface DeliveryPlan {

    OutgoingMail mail();

    /** Send over {@code choice.server()} with this envelope sender and these headers. */
    record Send(
            OutgoingMail mail,
            NotificationComposer.Content content,
            ServerChoice choice,
            String envelopeFrom,
            InternetAddress to,
            InternetAddress replyTo)
            implements DeliveryPlan {}

    /** Decided without sending: an impossible address (failed) or no server yet (waiting). */
    record Settle(OutgoingMail mail, DeliveryResult result) implements DeliveryPlan {}
}
