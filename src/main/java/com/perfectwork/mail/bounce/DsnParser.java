package com.perfectwork.mail.bounce;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.perfectwork.mail.routing.ParsedMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a delivery report the way the good bounce parsers do, in this order: a feedback-loop report
 * ({@link FeedbackReports}); a read receipt (no bounce); an Amazon SES notification ({@link SesNotification}); the
 * machine-readable {@code message/delivery-status} part of RFC 3464 (also when it is only text within the notice);
 * else the words of the notice, as the mail server families write them ({@link NoticeFamilies}, {@link NoticeText}).
 * A delay warning (the mail is still queued) is read as a report too, marked {@code delayed}. The returned mail,
 * when it is attached (or its headers, or quoted), names the Message-ID that attributes the report.
 *
 * <p>Whatever a hostile sender puts in a report, reading it stays cheap: only the first {@link #TEXT_LIMIT}
 * characters of the notice and of each report part are read, and only the first {@link NoticeText#OWN_LIMIT} of the
 * notice's own words are searched; the patterns are RE2/J's, which match in time linear in the text whatever the
 * pattern (no backtracking), and a family's marks are literal words.
 */
final class DsnParser {

    private static final Set<String> STATUS_TYPES =
            Set.of("message/delivery-status", "message/global-delivery-status", "text/delivery-status");
    private static final Set<String> FEEDBACK_TYPES = Set.of("message/feedback-report");
    private static final Set<String> RECEIPT_TYPES =
            Set.of("message/disposition-notification", "message/global-disposition-notification");
    private static final Set<String> RETURNED_TYPES =
            Set.of("message/rfc822", "message/global", "text/rfc822-headers", "message/global-headers");

    /** How much of the notice, and of each report part, is read. */
    static final int TEXT_LIMIT = 64 * 1024;
    /** The Message-IDs kept of a report, the most telling first. */
    static final int MAX_ORIGINALS = 100;

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    /** The field naming a recipient of a delivery-status report written into a notice's text. */
    private static final Pattern RECIPIENT_FIELD =
            Pattern.compile("(?im)^(final-recipient|original-recipient)[ \\t]*:[^\\n]*@");
    /** The fields that make the paragraph of a recipient field a recipient block. */
    private static final Pattern ACTION_OR_STATUS = Pattern.compile("(?im)^[ \\t]*(action|status)[ \\t]*:");

    private static final Pattern QUOTED_HEADER =
            Pattern.compile("(?im)^[ \\t>]*(X-Perfectwork-Message-Id|Message-ID)[ \\t]*:[ \\t]*(<[^<>\\s]+>)");
    /** The recipient of the returned mail, where only its headers are quoted in the notice. */
    private static final Pattern QUOTED_TO = Pattern.compile("(?im)^[ \\t>]*(to|rcpt to)[ \\t]*:[ \\t]*([^\\n]+)");

    private DsnParser() {}

    /** Reads a report sent to the bounce address or shaped as one ({@code multipart/report}). */
    static BounceReading read(ParsedMail mail, String ourDomain) {
        return read(mail, ourDomain, false);
    }

    /**
     * @param ourDomain the alias domain: addresses there are ours, never the failed recipient, or null
     * @param tentative whether only its looks made the mail a report candidate: its words then count as a failure
     *     only when a mail system signed it or a family's marks are on it
     */
    static BounceReading read(ParsedMail mail, String ourDomain, boolean tentative) {
        List<ParsedMail.Part> parts = mail.attachments();
        List<InternetHeaders> returned = returnedHeaders(mail);
        String notice = notice(mail);
        Optional<FeedbackReports.Failure> complaint =
                FeedbackReports.read(mail, first(parts, FEEDBACK_TYPES), returned);
        if (complaint.isPresent()) {
            return new BounceReading.Failure(
                    complaint.get().email(),
                    null,
                    complaint.get().diagnostic(),
                    BounceReason.REJECTED_AS_SPAM,
                    true,
                    true,
                    false,
                    originals(mail, notice, returned));
        }
        if (first(parts, RECEIPT_TYPES).isPresent() || mail.reportType().equals("disposition-notification")) {
            return new BounceReading.NotABounce("a read receipt (disposition notification), not a bounce");
        }
        Optional<BounceReading> ses = SesNotification.read(notice);
        if (ses.isPresent()) {
            return ses.get();
        }
        String own = NoticeText.own(notice);
        List<String> originals = originals(mail, notice, returned);
        Notice read = Notice.of(mail, own);
        Optional<String> status =
                first(parts, STATUS_TYPES).map(DsnParser::text).or(() -> statusInText(notice));
        if (status.isPresent()) {
            Optional<BounceReading> report = DeliveryReport.read(DeliveryStatus.parse(status.get()), read, originals);
            if (report.isPresent()) {
                return report.get();
            }
            // a report with no recipient block: read its words like any notice
        }
        return TextNotice.read(read, ourDomain, returned, notice, originals, tentative);
    }

    /**
     * The delivery-status fields written in the notice's text (a report whose MIME structure was lost), from the
     * paragraph of the first recipient field that has an Action or a Status, in whatever order its fields come.
     */
    private static Optional<String> statusInText(String text) {
        String notice = text.replace("\r\n", "\n");
        Matcher field = RECIPIENT_FIELD.matcher(notice);
        if (!field.find()) {
            return Optional.empty();
        }
        int start = notice.lastIndexOf("\n\n", field.start());
        start = start < 0 ? 0 : start + 2;
        int end = notice.indexOf("\n\n", field.start());
        String paragraph = notice.substring(start, end < 0 ? notice.length() : end);
        return ACTION_OR_STATUS.matcher(paragraph).find() ? Optional.of(notice.substring(start)) : Optional.empty();
    }

    /** The notice's own sender: never the failed recipient. */
    static Set<String> senders(ParsedMail mail) {
        Set<String> senders = new HashSet<>();
        if (mail.from() != null) {
            senders.add(mail.from().address().toLowerCase(Locale.ROOT));
        }
        return senders;
    }

    /** The notice's To and Cc: the original sender, the failed recipient only when the mail was sent to oneself. */
    static Set<String> originalSenders(ParsedMail mail) {
        Set<String> addresses = new HashSet<>();
        for (String header : List.of("To", "Cc")) {
            String value = mail.header(header);
            if (value != null) {
                Matcher matcher = NoticeText.ADDRESS.matcher(value);
                while (matcher.find()) {
                    addresses.add(matcher.group().toLowerCase(Locale.ROOT));
                }
            }
        }
        return addresses;
    }

    /** The recipient of the returned mail: its To, from its attached headers or the headers quoted in the notice. */
    static String returnedRecipient(List<InternetHeaders> returned, String notice, Set<String> senders) {
        for (InternetHeaders headers : returned) {
            Optional<String> to = firstAddress(
                    Optional.ofNullable(headers.getHeader("To", ",")).orElse(""));
            if (to.isPresent() && !senders.contains(to.get().toLowerCase(Locale.ROOT))) {
                return to.get();
            }
        }
        Matcher quoted = QUOTED_TO.matcher(notice.length() <= TEXT_LIMIT ? notice : notice.substring(0, TEXT_LIMIT));
        while (quoted.find()) {
            Optional<String> to = firstAddress(quoted.group(2));
            if (to.isPresent() && !senders.contains(to.get().toLowerCase(Locale.ROOT))) {
                return to.get();
            }
        }
        return null;
    }

    /**
     * The Message-IDs that may name the returned mail, most telling first: our X-Perfectwork-Message-Id (a relay on
     * the way may have rewritten the Message-ID), the returned Message-ID, the same headers quoted in the text,
     * then the notice's own In-Reply-To and References.
     */
    private static List<String> originals(ParsedMail mail, String notice, List<InternetHeaders> returned) {
        Set<String> ids = new LinkedHashSet<>();
        for (InternetHeaders headers : returned) {
            firstId(headers.getHeader("X-Perfectwork-Message-Id", " ")).ifPresent(ids::add);
            firstId(headers.getHeader("Message-ID", " ")).ifPresent(ids::add);
        }
        List<String> texts = new ArrayList<>();
        texts.add(notice);
        for (ParsedMail.Part part : mail.attachments()) {
            if (part.mimetype().startsWith("text/plain")) {
                texts.add(text(part));
            }
        }
        for (String header : List.of("x-perfectwork-message-id", "message-id")) {
            for (String text : texts) {
                Matcher quoted = QUOTED_HEADER.matcher(text);
                while (quoted.find()) {
                    if (quoted.group(1).toLowerCase(Locale.ROOT).equals(header)) {
                        ids.add(quoted.group(2));
                    }
                }
            }
        }
        ids.addAll(mail.ancestors());
        // each is looked up; a report returns one mail, named a few times at most
        return ids.stream().limit(MAX_ORIGINALS).toList();
    }

    /** The headers of the returned mail, from a {@code message/rfc822} part or a {@code text/rfc822-headers} one. */
    private static List<InternetHeaders> returnedHeaders(ParsedMail mail) {
        List<InternetHeaders> found = new ArrayList<>();
        for (ParsedMail.Part part : mail.attachments()) {
            if (RETURNED_TYPES.contains(part.mimetype())) {
                try (InputStream in = part.content().open()) {
                    found.add(new InternetHeaders(new ByteArrayInputStream(in.readNBytes(TEXT_LIMIT)), true));
                } catch (IOException | MessagingException | RuntimeException unreadable) {
                    // a returned copy that cannot be read names nothing; the rest of the report still counts
                }
            }
        }
        return found;
    }

    private static Optional<ParsedMail.Part> first(List<ParsedMail.Part> parts, Set<String> types) {
        return parts.stream().filter(p -> types.contains(p.mimetype())).findFirst();
    }

    /** The notice's text, up to {@link #TEXT_LIMIT}. */
    private static String notice(ParsedMail mail) {
        String text = mail.text() == null ? "" : mail.text();
        return text.length() <= TEXT_LIMIT ? text : text.substring(0, TEXT_LIMIT);
    }

    /** A report part's text, up to {@link #TEXT_LIMIT}: ASCII by the RFCs, UTF-8 by RFC 6533, read leniently. */
    static String text(ParsedMail.Part part) {
        try (InputStream in = part.content().open()) {
            return new String(in.readNBytes(TEXT_LIMIT), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The first address of the {@code X-Failed-Recipients} header (Exim, Gmail), if any. */
    static Optional<String> failedRecipient(ParsedMail mail) {
        String named = mail.failedRecipients();
        if (named == null) {
            return Optional.empty();
        }
        return firstAddress(named.length() <= TEXT_LIMIT ? named : named.substring(0, TEXT_LIMIT));
    }

    static Optional<String> firstAddress(String text) {
        Matcher matcher = NoticeText.ADDRESS.matcher(text);
        return matcher.find() ? Optional.of(matcher.group()) : Optional.empty();
    }

    private static Optional<String> firstId(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher matcher = MESSAGE_ID.matcher(value);
        return matcher.find() ? Optional.of(matcher.group()) : Optional.empty();
    }

    /** A normalized address, or null when the text is none. */
    static String normalized(String address) {
        return NoticeText.normalized(address);
    }
}
