package com.perfectwork.mail.deliverability;

import java.net.InetAddress;

/**
 * What the server that took a mail knew of its SMTP transaction (RFC 5321): the client's address, the name it gave in
 * HELO/EHLO, and the MAIL FROM address ({@code ""} for the null sender of a bounce). Null where it is not known: a
 * mail fetched from a mailbox or posted to the HTTP gateway knows none of them, an LMTP delivery only its MAIL FROM;
 * the checks then read them from the trace headers the receiving side added ({@link ReceivedTrace}).
 */
public record SmtpEnvelope(InetAddress client, String helo, String mailFrom) {

    /** Nothing known: the trace headers say it all. */
    public static final SmtpEnvelope UNKNOWN = new SmtpEnvelope(null, null, null);

    /** A delivery by a server in front (LMTP): its MAIL FROM is the mail's, its address is not the sender's. */
    public static SmtpEnvelope relayed(String mailFrom) {
        return new SmtpEnvelope(null, null, mailFrom);
    }

    /** The domain of the MAIL FROM address; null for the null sender, or when it is not known. */
    String mailFromDomain() {
        if (mailFrom == null || mailFrom.isBlank()) {
            return null;
        }
        int at = mailFrom.lastIndexOf('@');
        return at < 0 ? null : mailFrom.substring(at + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
