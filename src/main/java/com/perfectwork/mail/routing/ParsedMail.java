package com.perfectwork.mail.routing;

import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.discussion.AttachmentContent;
import java.time.Instant;
import java.util.List;

/**
 * A received mail as routing and posting need it. {@code html} is the HTML body as received (sanitized
 * when posted), or the text body escaped into HTML when the mail has no HTML part; {@code text} is the
 * plain text (the text part, else the HTML's text), {@code strippedText} its new part ({@link ReplyText}: without
 * the quoted history and the signature, read from the HTML when the mail has no text part). {@code returnPath} is the envelope sender the receiving
 * server recorded ({@code "<>"} for a bounce), or null; {@code mailingList} says the mail came through a list
 * ({@code List-Id}, {@code Precedence: list}): neither a list nor a bounce is ever answered.
 * {@code perfectworkMessageId} is the {@code X-Perfectwork-Message-Id} our notifications carry, or null: it still
 * names our own message when a relay on the way rewrote the Message-ID. {@code failedRecipients} is the
 * {@code X-Failed-Recipients} header some mail servers (Exim, Gmail) put on a failure notice, or null.
 * {@code notes} say what of the mail was left out while reading it (parts beyond the limit, a body cut), for the
 * inbound log; empty for nearly every mail. {@code headers} are the mail's own header fields as received, one a line
 * (folded lines joined), up to {@link #HEADERS_LIMIT} characters: for what reads a field no other component holds (the
 * {@code Received} line or the {@code X-Mailer} that tells which mail server wrote a bounce notice).
 */
public record ParsedMail(
        String messageId,
        boolean messageIdGenerated,
        EmailAddress from,
        List<EmailAddress> recipients,
        String subject,
        Instant date,
        List<String> references,
        String contentType,
        String html,
        String text,
        String strippedText,
        List<Part> attachments,
        boolean autoReply,
        String returnPath,
        boolean mailingList,
        String perfectworkMessageId,
        String failedRecipients,
        List<String> notes,
        String headers) {

    /** How much of the header block is kept in {@link #headers}: a notice's own headers take a few kilobytes. */
    public static final int HEADERS_LIMIT = 16 * 1024;

    /**
     * Whether the From names a mail system rather than a person: a mailer daemon or a postmaster (as address or as
     * name: {@code MAILER-DAEMON <>}, {@code "Mail Delivery System" <MAILER-DAEMON>}), or no address at all
     * ({@code From: <>}), the way mail servers sign the notices they write.
     */
    public boolean fromMailSystem() {
        String header = header("From");
        if (header == null) {
            return false;
        }
        return MAIL_SYSTEM.matcher(header).find()
                || (from != null && MAIL_SYSTEM.matcher(from.address()).find());
    }

    /** The first value of a header field of {@link #headers}, or null. */
    public String header(String name) {
        String prefix = name.toLowerCase(java.util.Locale.ROOT) + ":";
        for (String line : headers.split("\n")) {
            if (line.length() > prefix.length()
                    && line.substring(0, prefix.length()).equalsIgnoreCase(prefix)) {
                return line.substring(prefix.length()).strip();
            }
        }
        return null;
    }

    private static final com.google.re2j.Pattern MAIL_SYSTEM = com.google.re2j.Pattern.compile(
            "(?i)mailer[-_ .]?daemon|post[-_ ]?master|mail[-_ .]deliver(y|ing)?[-_ .](sub)?system|^\\s*<\\s*>\\s*$");

    /**
     * An attachment or inline part; {@code content} opens its decoded bytes, read from the stored mail only when
     * the part is stored (valid while the mail is being processed); {@code contentId} without its angle
     * brackets, or null.
     */
    public record Part(String name, String mimetype, AttachmentContent.InputStreamSource content, String contentId) {}

    /** Where an answer to this mail goes: the Return-Path, else the From; empty for a bounce ({@code <>}). */
    public java.util.Optional<EmailAddress> answerAddress() {
        if (returnPath != null) {
            String path = returnPath.strip();
            if (path.equals("<>") || path.isEmpty()) {
                return java.util.Optional.empty();
            }
            java.util.Optional<EmailAddress> parsed = EmailAddress.tryParse(path);
            if (parsed.isPresent()) {
                return parsed;
            }
        }
        return java.util.Optional.ofNullable(from);
    }

    /**
     * The {@code report-type} of a {@code multipart/report} ({@code delivery-status}, {@code feedback-report}…),
     * lower-cased, read leniently (spaces, quotes, case); empty for any other mail.
     */
    public String reportType() {
        if (contentType == null) {
            return "";
        }
        String type = contentType.toLowerCase(java.util.Locale.ROOT).replaceAll("\\s", "");
        if (!type.startsWith("multipart/report")) {
            return "";
        }
        java.util.regex.Matcher matcher = REPORT_TYPE.matcher(type);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static final java.util.regex.Pattern REPORT_TYPE =
            java.util.regex.Pattern.compile("report-type=\"?([a-z-]+)");

    /** The recipient's token of the mass mail this mail answers (its newest ancestor that is one), if any. */
    public java.util.Optional<String> massMailToken() {
        return ancestors().stream()
                .map(com.perfectwork.mail.core.MassMailMessageId::token)
                .flatMap(java.util.Optional::stream)
                .findFirst();
    }

    /** In-Reply-To and References, newest first, as replies name their ancestors. */
    public List<String> ancestors() {
        return references;
    }
}
