package com.perfectwork.mail.outgoing;

import java.util.Map;

/**
 * The template of a mass mail, stored once for all its recipients. The literal {@value BulkTemplate#TOKEN} in
 * {@code htmlBody}, {@code textBody}, {@code listUnsubscribeUrl}, {@code listUnsubscribeMailto} and the values of
 * {@code headers} is replaced by each recipient's token when the mail is composed (the subject is not personalised).
 *
 * @param mailServerId the dedicated server every mail goes through, or null for the system parameter
 *     {@code mass_mailing.outgoing_mail_server}, else the normal server ladder
 * @param listUnsubscribeUrl the one-click unsubscribe URL (RFC 8058), or null
 * @param listUnsubscribeMailto the unsubscribe address, without {@code mailto:}, or null
 * @param headers extra headers, or null
 */
public record BulkMessage(
        String subject,
        String htmlBody,
        String textBody,
        String emailFrom,
        String replyTo,
        Long mailServerId,
        String listUnsubscribeUrl,
        String listUnsubscribeMailto,
        Map<String, String> headers) {}
