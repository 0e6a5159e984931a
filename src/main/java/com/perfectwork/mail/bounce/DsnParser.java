package com.perfectwork.mail.bounce;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.routing.ParsedMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a delivery report the way the good bounce parsers do: the machine-readable parts first (a
 * {@code message/delivery-status} part of RFC 3464, a {@code message/feedback-report} of RFC 5965, the
 * {@code X-Failed-Recipients} header), else the words of the big mail servers' own notices (qmail, Sendmail,
 * Exim, Exchange, Gmail, Yahoo), which name the address, the code and the reason in their text. The returned
 * mail, when it is attached (or its headers, or quoted), names the Message-ID that attributes the bounce.
 *
 * <p>Whatever a hostile sender puts in a report, reading it stays cheap: only the first {@link #TEXT_LIMIT}
 * characters of the notice and of each report part are read, and only the first {@link #OWN_LIMIT} of the notice's
 * own words are searched for words, addresses and codes (a report says what it has to say in its first lines; what
 * follows is the copy of the returned mail), and the patterns are RE2/J's, which match in time linear in the text
 * whatever the pattern (no backtracking).
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
    /** How much of the notice's own words is searched: a long list of phrases costs a few microseconds a character. */
    static final int OWN_LIMIT = 16 * 1024;

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    private static final Pattern FAILURE_WORDS = Pattern.compile(
            "(?i)undeliver|could ?n[o']t be delivered|was ?n[o']t delivered|delivery (has )?failed|failure notice"
                    + "|returned mail|mail delivery failed|delivery status notification \\(failure\\)"
                    + "|permanent(ly)? (error|fatal|failed)|failed permanently|unable to deliver|message not delivered"
                    + "|delivery to the following recipient|address not found|non remis|unzustellbar"
                    + "|nicht zugestellt|no se pudo entregar|non consegnat|sorry, no mailbox|could not deliver");
    private static final Pattern DELAY_WORDS = Pattern.compile(
            "(?i)warning only|still being retried|delivery status notification \\(delay\\)|has been delayed"
                    + "|will (continue|keep) (trying|to try|retrying)|not yet been delivered|delivery delayed"
                    + "|delayed mail|verzögert");
    private static final Pattern AUTO_REPLY_WORDS = Pattern.compile(
            "(?i)out of (the )?office|automatic reply|auto(matic)?[- ]?(reply|response)|vacation|abwesenheit"
                    + "|absence|réponse automatique|respuesta automática");
    /** Where a notice's own words end and the copy of the returned mail begins. */
    private static final Pattern COPY_START = Pattern.compile(
            "(?im)^[\\s>-]*(-{2,}.*)?(this is a copy of|below this line is a copy|original message|original mail"
                    + "|the header of the original|unsent message|returned message|message headers follow"
                    + "|headers of the original|text of the message|copy of the original)");

    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9._%+'=!#$&*/?^`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9-]+)+");
    /** A bare SMTP reply code: three digits, not part of a longer number or of a status code. */
    private static final Pattern SMTP_REPLY = Pattern.compile("(?:^|[^\\d.])[45]\\d\\d(?:[ -]|$)");

    private static final Pattern QUOTED_HEADER =
            Pattern.compile("(?im)^[ \\t>]*(X-Perfectwork-Message-Id|Message-ID)[ \\t]*:[ \\t]*(<[^<>\\s]+>)");

    private DsnParser() {}

    /**
     * @param ourDomain the alias domain: addresses there are ours, never the failed recipient, or null
     */
    static BounceReading read(ParsedMail mail, String ourDomain) {
        String reportType = mail.reportType();
        List<ParsedMail.Part> parts = mail.attachments();
        Optional<ParsedMail.Part> feedback = first(parts, FEEDBACK_TYPES);
        if (feedback.isPresent() || reportType.equals("feedback-report")) {
            return complaint(mail, feedback, returnedHeaders(mail));
        }
        if (first(parts, RECEIPT_TYPES).isPresent() || reportType.equals("disposition-notification")) {
            return new BounceReading.NotABounce("a read receipt (disposition notification), not a bounce");
        }
        String notice = notice(mail);
        String own = ownWords(notice);
        List<String> originals = originals(mail, notice, returnedHeaders(mail));
        Optional<ParsedMail.Part> status = first(parts, STATUS_TYPES);
        if (status.isPresent()) {
            DeliveryStatus report = DeliveryStatus.parse(text(status.get()));
            Optional<DeliveryStatus.Recipient> failed = report.recipients().stream()
                    .filter(r -> r.action().equals("failed"))
                    .findFirst();
            if (failed.isPresent()) {
                return failure(failed.get(), own, originals);
            }
            if (report.recipients().stream().anyMatch(r -> r.action().equals("delayed"))) {
                return new BounceReading.NotABounce(
                        "a delayed-delivery notice (Action: delayed): the mail server is still trying");
            }
            if (!report.recipients().isEmpty()) {
                return new BounceReading.NotABounce("a delivery report without a failure (Action: "
                        + report.recipients().get(0).action() + ")");
            }
            // a report with no recipient block: read its words like any notice
        }
        return textNotice(mail, own, originals, ourDomain);
    }

    private static BounceReading failure(DeliveryStatus.Recipient recipient, String own, List<String> originals) {
        String diagnostic = recipient.diagnostic();
        String status = recipient.status();
        if (status == null) {
            status = BounceClassifier.statusIn(diagnostic).orElse(null);
        }
        BounceClassifier.Classification classified = BounceClassifier.classify(status, diagnostic, own);
        return new BounceReading.Failure(
                recipient.address(), status, diagnostic, classified.reason(), classified.hard(), false, originals);
    }

    /** A notice without a delivery-status part: the failure is in its words, the address in a header or its text. */
    private static BounceReading textNotice(ParsedMail mail, String own, List<String> originals, String ourDomain) {
        String subject = head(mail.subject() == null ? "" : mail.subject(), OWN_LIMIT);
        boolean failureWords = FAILURE_WORDS.matcher(subject).find()
                || FAILURE_WORDS.matcher(own).find();
        if (mail.failedRecipients() == null && !failureWords) {
            if (DELAY_WORDS.matcher(subject).find() || DELAY_WORDS.matcher(own).find()) {
                return new BounceReading.NotABounce("a delayed-delivery notice: the mail server is still trying");
            }
            if (AUTO_REPLY_WORDS.matcher(subject).find() || mail.autoReply()) {
                return new BounceReading.NotABounce("an auto-reply, not a delivery failure");
            }
            return new BounceReading.NotABounce("no delivery failure is reported in it");
        }
        if (!failureWords
                && (DELAY_WORDS.matcher(subject).find()
                        || DELAY_WORDS.matcher(own).find())) {
            return new BounceReading.NotABounce("a delayed-delivery notice: the mail server is still trying");
        }
        String email = failedRecipient(mail, own, ourDomain);
        String diagnostic = diagnostic(own, email);
        String status = BounceClassifier.statusIn(diagnostic)
                .or(() -> BounceClassifier.statusIn(own))
                .orElse(null);
        BounceClassifier.Classification classified = BounceClassifier.classify(status, diagnostic, own);
        return new BounceReading.Failure(
                email, status, diagnostic, classified.reason(), classified.hard(), false, originals);
    }

    private static BounceReading complaint(
            ParsedMail mail, Optional<ParsedMail.Part> feedback, List<InternetHeaders> returned) {
        String email = null;
        String type = null;
        if (feedback.isPresent()) {
            DeliveryStatus fields = DeliveryStatus.parse(text(feedback.get()));
            type = fields.message().get("feedback-type");
            String rcpt = fields.message().get("original-rcpt-to");
            email = rcpt == null ? null : DeliveryStatus.bareAddress(rcpt);
        }
        if (email == null) {
            email = returned.stream()
                    .map(h -> h.getHeader("To", ","))
                    .filter(to -> to != null)
                    .map(DsnParser::firstAddress)
                    .flatMap(Optional::stream)
                    .findFirst()
                    .orElse(null);
        }
        String diagnostic = "feedback report" + (type == null ? "" : " (" + type.strip() + ")")
                + ": the recipient marked the mail as spam";
        return new BounceReading.Failure(
                email,
                null,
                diagnostic,
                BounceReason.REJECTED_AS_SPAM,
                true,
                true,
                originals(mail, notice(mail), returned));
    }

    /** X-Failed-Recipients, else the first address of the notice's own words that is not ours nor the sender's. */
    private static String failedRecipient(ParsedMail mail, String own, String ourDomain) {
        if (mail.failedRecipients() != null) {
            Optional<String> named = firstAddress(head(mail.failedRecipients(), TEXT_LIMIT));
            if (named.isPresent()) {
                return named.get();
            }
        }
        String sender = mail.from() == null ? null : mail.from().address();
        Matcher matcher = ADDRESS.matcher(own);
        while (matcher.find()) {
            String candidate = matcher.group();
            String lower = candidate.toLowerCase(Locale.ROOT);
            String domain = lower.substring(lower.indexOf('@') + 1);
            boolean ours = ourDomain != null && domain.equalsIgnoreCase(ourDomain);
            boolean daemon = lower.startsWith("mailer-daemon@") || lower.startsWith("postmaster@");
            if (!ours && !daemon && !candidate.equalsIgnoreCase(sender)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * The server's reply in a notice: the line that carries a status code (or an SMTP reply code), with the lines
     * that continue it; else the lines after the failed address.
     */
    private static String diagnostic(String own, String email) {
        String[] lines = own.replace("\r\n", "\n").split("\n");
        int found = -1;
        for (int i = 0; i < lines.length && found < 0; i++) {
            if (BounceClassifier.statusIn(lines[i]).isPresent()) {
                found = i;
            }
        }
        for (int i = 0; i < lines.length && found < 0; i++) {
            if (SMTP_REPLY.matcher(lines[i]).find()) {
                found = i;
            }
        }
        if (found < 0 && email != null) {
            for (int i = 0; i < lines.length && found < 0; i++) {
                if (lines[i].contains(email) && i + 1 < lines.length) {
                    found = i + 1;
                }
            }
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

    /** The notice's own words: its text up to where the copy of the returned mail begins, at most {@link #OWN_LIMIT}. */
    private static String ownWords(String notice) {
        String own = head(notice, OWN_LIMIT);
        Matcher copy = COPY_START.matcher(own);
        return copy.find() && copy.start() > 0 ? own.substring(0, copy.start()) : own;
    }

    private static Optional<ParsedMail.Part> first(List<ParsedMail.Part> parts, Set<String> types) {
        return parts.stream().filter(p -> types.contains(p.mimetype())).findFirst();
    }

    /** The notice's text, up to {@link #TEXT_LIMIT}. */
    private static String notice(ParsedMail mail) {
        return head(mail.text() == null ? "" : mail.text(), TEXT_LIMIT);
    }

    private static String head(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit);
    }

    /** A report part's text, up to {@link #TEXT_LIMIT}: ASCII by the RFCs, UTF-8 by RFC 6533, read leniently. */
    private static String text(ParsedMail.Part part) {
        try (InputStream in = part.content().open()) {
            return new String(in.readNBytes(TEXT_LIMIT), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static Optional<String> firstAddress(String text) {
        Matcher matcher = ADDRESS.matcher(text);
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
        return address == null
                ? null
                : EmailAddress.tryParse(address).map(EmailAddress::normalized).orElse(null);
    }
}
