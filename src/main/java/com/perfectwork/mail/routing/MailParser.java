package com.perfectwork.mail.routing;

import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.core.HtmlToText;
import com.perfectwork.mail.core.MessageId;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.SharedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Reads raw bytes with Jakarta Mail, leniently: RFC 2047/2231 headers, wrong or missing charsets (read as
 * UTF-8, else ISO-8859-1), nested multiparts. A missing Message-ID gets a generated one; a missing or bad
 * Date counts as now.
 *
 * <p>Within bounds, whatever the mail: at most {@link MimeTree#MAX_DEPTH} levels of multiparts (a deeper mail is
 * refused with {@link MimeStructureException}) and {@link MimeTree#MAX_PARTS} parts (the rest left out), bodies
 * read up to {@link BodyText#LIMIT} (a longer one is also attached whole), address headers as {@link AddressList}
 * reads them; what was left out is listed in {@link ParsedMail#notes()}.
 */
@Component
public class MailParser {

    private static final Pattern MESSAGE_IDS = Pattern.compile("<[^<>\\s]+>");
    private static final Session SESSION = session();
    /** Ancestors kept of a mail: a thread a hundred mails long is named by its newest ones. */
    static final int MAX_REFERENCES = 100;

    private final Clock clock;

    public MailParser(Clock clock) {
        this.clock = clock;
    }

    public ParsedMail parse(byte[] raw) throws MessagingException, IOException {
        return parse(new SharedBytes(raw));
    }

    /**
     * Reads a mail from a stream. Given a {@link SharedInputStream} (a {@code SharedFileInputStream} on the stored
     * file), the parts stay where they are: an attachment is decoded from the file only when its content is
     * opened, so a mail of any size never needs the heap; the stream must stay open until the parts are read.
     */
    public ParsedMail parse(InputStream raw) throws MessagingException, IOException {
        MimeMessage mime = new MimeMessage(SESSION, raw);
        String messageId = first(mime, "Message-ID").map(MailParser::firstId).orElse(null);
        boolean generated = messageId == null;
        if (generated) {
            messageId = MessageId.generate(clock.instant(), "received.invalid").value();
        }
        MimeTree.Bodies bodies = MimeTree.walk(mime);
        String html = bodies.html != null
                ? shown(bodies.html)
                : bodies.text != null
                        ? "<p>" + HtmlUtils.htmlEscape(shown(bodies.text)).replace("\n", "<br>") + "</p>"
                        : "";
        String text = bodies.text != null ? shown(bodies.text) : null;
        // an HTML-only mail is parsed once: its text read, then its quoted history cut out of the same tree
        Element htmlOnly = text == null && bodies.html != null ? HtmlToText.parse(bodies.html.text()) : null;
        String htmlText = htmlOnly != null ? HtmlToText.convertBody(htmlOnly) : null;
        return new ParsedMail(
                messageId,
                generated,
                from(mime),
                recipients(mime),
                subject(mime),
                date(mime),
                references(mime),
                mime.getContentType(),
                html,
                text != null ? text : htmlText,
                // an HTML-only mail's new part is read from its HTML, whose containers tell the quoted history
                text != null ? ReplyText.strip(text) : htmlOnly != null ? ReplyText.fromHtml(htmlOnly, htmlText) : null,
                List.copyOf(bodies.attachments),
                autoReply(mime),
                first(mime, "Return-Path").orElse(null),
                mailingList(mime),
                first(mime, "X-Perfectwork-Message-Id").map(MailParser::firstId).orElse(null),
                mime.getHeader("X-Failed-Recipients", ","),
                List.copyOf(bodies.notes),
                headers(mime));
    }

    /** The header block, one field a line, its folded lines joined, up to {@link ParsedMail#HEADERS_LIMIT}. */
    private static String headers(MimeMessage mime) throws MessagingException {
        StringBuilder block = new StringBuilder();
        java.util.Enumeration<String> lines = mime.getAllHeaderLines();
        while (lines.hasMoreElements() && block.length() < ParsedMail.HEADERS_LIMIT) {
            block.append(lines.nextElement().replace('\r', ' ').replace('\n', ' '))
                    .append('\n');
        }
        return block.length() <= ParsedMail.HEADERS_LIMIT
                ? block.toString()
                : block.substring(0, ParsedMail.HEADERS_LIMIT);
    }

    /** A body as shown: a cut one says where the rest is. */
    private static String shown(BodyText.Read body) {
        return body.cut() ? body.text() + "\n\n[…] (longer than 1 MB: the whole text is attached)" : body.text();
    }

    private static EmailAddress from(MimeMessage mime) throws MessagingException {
        for (String header : new String[] {"From", "Sender", "Return-Path"}) {
            for (EmailAddress address : AddressList.read(mime.getHeader(header, ","))) {
                return address;
            }
        }
        return null;
    }

    private static List<EmailAddress> recipients(MimeMessage mime) throws MessagingException {
        Set<EmailAddress> all = new LinkedHashSet<>();
        for (String header : new String[] {"To", "Cc", "Delivered-To", "X-Original-To", "Resent-To", "Resent-Cc"}) {
            all.addAll(AddressList.read(mime.getHeader(header, ",")));
        }
        return List.copyOf(all);
    }

    private static String subject(MimeMessage mime) {
        try {
            String subject = mime.getSubject();
            return subject == null
                    ? ""
                    : subject.replaceAll("[\\r\\n\\t]+", " ").strip();
        } catch (MessagingException e) {
            return "";
        }
    }

    private Instant date(MimeMessage mime) {
        try {
            return mime.getSentDate() == null
                    ? clock.instant()
                    : mime.getSentDate().toInstant();
        } catch (MessagingException e) {
            return clock.instant();
        }
    }

    /**
     * In-Reply-To first, then References from the newest back: the order a reply names its ancestors in; the first
     * {@link #MAX_REFERENCES} of them (each is looked up).
     */
    private static List<String> references(MimeMessage mime) throws MessagingException {
        Set<String> ids = new LinkedHashSet<>();
        first(mime, "In-Reply-To").ifPresent(value -> ids.addAll(ids(value)));
        first(mime, "References").ifPresent(value -> {
            List<String> refs = ids(value);
            for (int i = refs.size() - 1; i >= 0; i--) {
                ids.add(refs.get(i));
            }
        });
        return ids.stream().limit(MAX_REFERENCES).toList();
    }

    private static boolean autoReply(MimeMessage mime) throws MessagingException {
        String submitted = first(mime, "Auto-Submitted").orElse("no").strip().toLowerCase(Locale.ROOT);
        String precedence = first(mime, "Precedence").orElse("").strip().toLowerCase(Locale.ROOT);
        return !submitted.startsWith("no")
                || mime.getHeader("X-Autoreply") != null
                || mime.getHeader("X-Autorespond") != null
                || mime.getHeader("X-Auto-Response-Suppress") != null
                || precedence.equals("bulk")
                || precedence.equals("junk")
                || precedence.equals("auto_reply");
    }

    private static boolean mailingList(MimeMessage mime) throws MessagingException {
        return mime.getHeader("List-Id") != null
                || first(mime, "Precedence").orElse("").strip().equalsIgnoreCase("list");
    }

    private static java.util.Optional<String> first(MimeMessage mime, String header) throws MessagingException {
        String[] values = mime.getHeader(header);
        return values == null || values.length == 0 ? java.util.Optional.empty() : java.util.Optional.of(values[0]);
    }

    private static List<String> ids(String value) {
        List<String> ids = new ArrayList<>();
        Matcher matcher = MESSAGE_IDS.matcher(value);
        while (matcher.find()) {
            ids.add(matcher.group());
        }
        return ids;
    }

    private static String firstId(String value) {
        List<String> ids = ids(value);
        return ids.isEmpty() ? null : ids.get(0);
    }

    private static Session session() {
        Properties properties = new Properties();
        properties.put("mail.mime.address.strict", "false");
        properties.put("mail.mime.decodetext.strict", "false");
        properties.put("mail.mime.decodefilename", "true");
        properties.put("mail.mime.decodeparameters", "true");
        properties.put("mail.mime.multipart.ignoremissingendboundary", "true");
        properties.put("mail.mime.multipart.allowempty", "true");
        properties.put("mail.mime.parameters.strict", "false");
        return Session.getInstance(properties);
    }
}
