package com.perfectwork.mail.deliverability;

import com.perfectwork.mail.deliverability.DkimSignature.Field;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SMTP client of a mail the server did not take from the sender itself, read from the trace headers the receiving
 * side wrote (RFC 5321 §4.4): the topmost {@code Received:} whose {@code from} clause names a public address, as the
 * mail server that took the mail from the Internet wrote it (Postfix, Exim, Gmail's MX: {@code from helo (name
 * [address])}). Trace fields above it without an address, or with a private one, are hops inside the receiving side
 * (a content filter, a mailbox server). The MAIL FROM address is the topmost {@code Return-Path:} (RFC 5322 §3.6.7,
 * written on final delivery). A session of our own SMTP receiver with a public client is the client itself.
 */
final class ReceivedTrace {

    /** Received fields read at most: the receiving side's hops come first. */
    private static final int MAX_HOPS = 10;

    private static final Pattern FROM_CLAUSE = Pattern.compile("(?is)^from\\s+(\\S+)(.*?)(?:\\s+by\\s|;|$)");
    private static final Pattern BRACKETED = Pattern.compile("\\[(?:IPv6:)?([0-9A-Fa-f:.]+)\\]");
    private static final Pattern BARE = Pattern.compile("\\(([0-9A-Fa-f:.]*[:.][0-9A-Fa-f:.]*)\\)");
    private static final Pattern EXIM_HELO = Pattern.compile("(?i)\\bhelo=([^\\s)]+)");

    private ReceivedTrace() {}

    /** The envelope completed from the trace headers where the session did not know the sending client. */
    static SmtpEnvelope complete(SmtpEnvelope envelope, MessageHead head) {
        String mailFrom = envelope.mailFrom() != null ? envelope.mailFrom() : returnPath(head);
        if (envelope.client() != null && SendingServers.isPublic(envelope.client())) {
            return new SmtpEnvelope(envelope.client(), envelope.helo(), mailFrom);
        }
        List<Field> received = head.all("received");
        for (Field field : received.subList(0, Math.min(MAX_HOPS, received.size()))) {
            Matcher from = FROM_CLAUSE.matcher(MessageHead.value(field));
            if (!from.find()) {
                continue;
            }
            InetAddress address = address(from.group(1) + " " + from.group(2));
            if (address != null && SendingServers.isPublic(address)) {
                return new SmtpEnvelope(address, helo(from.group(1), from.group(2)), mailFrom);
            }
        }
        return new SmtpEnvelope(null, null, mailFrom);
    }

    private static InetAddress address(String clause) {
        Matcher bracketed = BRACKETED.matcher(clause);
        if (bracketed.find()) {
            return SpfAddresses.literal(bracketed.group(1));
        }
        // Microsoft 365 writes the address bare in the comment: from host.prod.outlook.com (2603:10a6:20b::12)
        Matcher bare = BARE.matcher(clause);
        return bare.find() ? SpfAddresses.literal(bare.group(1)) : null;
    }

    /** The HELO name: Exim's {@code helo=} when it differs from the client's name, else the first word. */
    private static String helo(String first, String comment) {
        Matcher exim = EXIM_HELO.matcher(comment);
        String name = exim.find() ? exim.group(1) : first;
        return name.startsWith("[") ? null : name.toLowerCase(Locale.ROOT);
    }

    /** The address of the topmost Return-Path ({@code ""} for {@code <>}); null when there is none. */
    private static String returnPath(MessageHead head) {
        List<Field> paths = head.all("return-path");
        if (paths.isEmpty()) {
            return null;
        }
        String path = MessageHead.value(paths.get(0)).strip();
        if (path.startsWith("<") && path.contains(">")) {
            path = path.substring(1, path.indexOf('>'));
        }
        return path.strip();
    }
}
