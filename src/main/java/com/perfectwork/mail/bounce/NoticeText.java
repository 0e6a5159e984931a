package com.perfectwork.mail.bounce;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.perfectwork.mail.core.EmailAddress;
import java.util.Locale;
import java.util.Set;

/**
 * The words of a notice as mail servers write them: its own words (up to where the copy of the returned mail
 * begins), the failed recipient they name, and the server's reply they quote. Whatever the family, a notice names
 * the failed address where a person would look for it: on a line of its own or at the head of one ({@code
 * <jo@example.org>:}, {@code   jo@example.org}, {@code * jo@example.org}, {@code jo@example.org [User unknown]}), or
 * after the words that introduce it ({@code delivering your mail to <…>}, {@code RCPT TO: …}, {@code Address: <…>});
 * the other addresses of the text are the sender's, the notice's recipient's, the support desk's. Only the first
 * {@link #OWN_LIMIT} characters are searched, with RE2/J's patterns: linear in the text.
 */
final class NoticeText {

    /** How much of the notice's own words is searched. */
    static final int OWN_LIMIT = 16 * 1024;

    /** Where a notice's own words end and the copy of the returned mail begins. */
    private static final Pattern COPY_START = Pattern.compile(
            "(?im)^[\\s>-]*(-{2,}.*|={2,}.*)?(this is a copy of|below this line is a copy|original message|original mail"
                    + "|the header of the original|unsent message|returned message|message headers follow"
                    + "|headers of the original|text of the message|copy of the original|below is a copy of the"
                    + "|the attachment contains the original|-------original mail info|content-type: message/rfc822)");

    static final String LOCAL = "(?:\"[^\"\\r\\n]{1,64}\"|[A-Za-z0-9._%+'=!#$&*/?^`{|}~-]+)";
    static final String DOMAIN = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9-]+)+";
    /** An address, its local part quoted or not. */
    static final Pattern ADDRESS = Pattern.compile(LOCAL + "@" + DOMAIN);

    /** What may precede a failed address on its line: nothing but a bullet, or the words that introduce one. */
    private static final Pattern INTRODUCED = Pattern.compile("(?i)(^[\\s*•>-]*(\\d+\\.\\s*)?[<(\\[\"']*$"
            + "|(rcpt to|recipient|recipients|address|addressee|destinataire|empfänger|to|for|was not delivered to"
            + "|delivered to|delivering your mail to|undeliverable to|deliver(y)? to|rejected recipient"
            + "|message to|sent to|mailbox|user|utilisateur|usuario|benutzer|mailing list)\\s*:?\\s*[<(\\[\"']*$)");
    /** Lines whose addresses are never the failed recipient's: the sender, a returned mail's identifiers. */
    private static final Pattern NOT_RECIPIENT = Pattern.compile(
            "(?i)(^|\\s)(from|sender|reply-to|return-path|mail from|envelope-from|message-id|in-reply-to|references"
                    + "|contact|helo|ehlo|received: from)\\s*[:=]?\\s*[<(\\[\"']*$");

    private static final Set<String> DAEMONS = Set.of("mailer-daemon", "postmaster", "mail-daemon", "mailer_daemon");

    private NoticeText() {}

    /** The notice's own words: its text up to where the copy of the returned mail begins, at most {@link #OWN_LIMIT}. */
    static String own(String notice) {
        String own = notice.length() <= OWN_LIMIT ? notice : notice.substring(0, OWN_LIMIT);
        Matcher copy = COPY_START.matcher(own);
        return copy.find() && copy.start() > 0 ? own.substring(0, copy.start()) : own;
    }

    /**
     * The failed recipient the words name: the first address introduced as one, else the first other address, not
     * counting the addresses that cannot be it ({@code senders}: the notice's own sender; addresses at our domain).
     * The notice's recipients ({@code original}: the original sender, whom the notice tells) and mailer daemons are
     * taken only when nothing else is named: a mail sent to oneself bounces to its failed recipient. Null when the
     * words name no address.
     */
    static String recipient(String own, Set<String> senders, Set<String> original, String ourDomain) {
        String[] found = new String[4];
        Matcher matcher = ADDRESS.matcher(own);
        while (matcher.find() && found[0] == null) {
            String candidate = matcher.group();
            String lower = candidate.toLowerCase(Locale.ROOT);
            String domain = lower.substring(lower.lastIndexOf('@') + 1);
            String before = lineBefore(own, matcher.start());
            if (senders.contains(lower)
                    || (ourDomain != null && domain.equalsIgnoreCase(ourDomain))
                    || NOT_RECIPIENT.matcher(before).find()) {
                continue;
            }
            boolean introduced = INTRODUCED.matcher(before).find();
            boolean unlikely = original.contains(lower) || DAEMONS.contains(lower.substring(0, lower.lastIndexOf('@')));
            int rank = (unlikely ? 2 : 0) + (introduced ? 0 : 1);
            if (found[rank] == null) {
                found[rank] = candidate;
            }
        }
        for (String candidate : found) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }

    /** The text of the line before a position, at most 200 characters of it. */
    private static String lineBefore(String text, int at) {
        int start = at;
        while (start > 0 && at - start < 200 && text.charAt(start - 1) != '\n') {
            start--;
        }
        return text.substring(start, at);
    }

    /**
     * The server's reply the words quote: the line that carries a status code (or an SMTP reply code), with the
     * lines that continue it; else the lines after the failed address. Looked for first near the failed address.
     */
    static String diagnostic(String own, String email) {
        String[] lines = own.replace("\r\n", "\n").split("\n");
        int named = -1;
        for (int i = 0; i < lines.length && named < 0 && email != null; i++) {
            if (lines[i].contains(email)) {
                named = i;
            }
        }
        int found = replyLine(lines, Math.max(named, 0));
        if (found < 0 && named > 0) {
            found = replyLine(lines, 0);
        }
        if (found < 0 && named >= 0) {
            found = named + 1 < lines.length && !lines[named + 1].isBlank() ? named + 1 : named;
        }
        if (found < 0) {
            return null;
        }
        StringBuilder text = new StringBuilder(lines[found].strip());
        for (int i = found + 1; i < lines.length && i <= found + 4; i++) {
            String line = lines[i];
            if (line.isBlank() || !(line.startsWith(" ") || line.startsWith("\t"))) {
                break;
            }
            text.append(' ').append(line.strip());
        }
        String diagnostic = text.toString();
        return diagnostic.length() > 1000 ? diagnostic.substring(0, 1000) : diagnostic;
    }

    /** A bare SMTP reply code: three digits, not part of a longer number or of a status code. */
    private static final Pattern SMTP_REPLY = Pattern.compile("(?:^|[^\\d.])[45]\\d\\d(?:[ -:]|$)");

    /** The first line from {@code from} on with a status code, else with an SMTP reply code; -1 when none has. */
    private static int replyLine(String[] lines, int from) {
        for (int i = from; i < lines.length; i++) {
            // a 2.x.x code is a step that went well (a transcript's "250 2.1.5 Ok")
            if (StatusCodes.in(lines[i]).stream().anyMatch(code -> !code.startsWith("2"))) {
                return i;
            }
        }
        for (int i = from; i < lines.length; i++) {
            if (SMTP_REPLY.matcher(lines[i]).find()) {
                return i;
            }
        }
        return -1;
    }

    /** A normalized address, or null when the text is none. */
    static String normalized(String address) {
        return address == null
                ? null
                : EmailAddress.tryParse(address).map(EmailAddress::normalized).orElse(null);
    }
}
