package com.perfectwork.mail.routing;

import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.core.HtmlToText;
import com.perfectwork.mail.core.MessageId;
import com.perfectwork.mail.discussion.AttachmentContent;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.SharedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Reads raw bytes with Jakarta Mail, leniently: RFC 2047/2231 headers, wrong or missing charsets (read as
 * UTF-8, else ISO-8859-1), nested multiparts. A missing Message-ID gets a generated one; a missing or bad
 * Date counts as now.
 */
@Component
public class MailParser {

    private static final Pattern MESSAGE_IDS = Pattern.compile("<[^<>\\s]+>");
    private static final Session SESSION = session();
    private static final Pattern CHARSET = Pattern.compile("(?i)charset\\s*=\\s*\"?([^\";\\s]+)");

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
        Bodies bodies = new Bodies();
        walk(mime, bodies);
        String html = bodies.html != null
                ? bodies.html
                : bodies.text != null
                        ? "<p>" + HtmlUtils.htmlEscape(bodies.text).replace("\n", "<br>") + "</p>"
                        : "";
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
                // an HTML-only mail's text is its HTML's, so that its new part can be told from its quoted history
                bodies.text != null ? bodies.text : bodies.html != null ? HtmlToText.convert(bodies.html) : null,
                bodies.attachments,
                autoReply(mime),
                first(mime, "Return-Path").orElse(null),
                mailingList(mime),
                first(mime, "X-Perfectwork-Message-Id").map(MailParser::firstId).orElse(null),
                mime.getHeader("X-Failed-Recipients", ","));
    }

    private static final class Bodies {
        String html;
        String text;
        final List<ParsedMail.Part> attachments = new ArrayList<>();
    }

    private static void walk(Part part, Bodies bodies) throws MessagingException, IOException {
        String type = part.getContentType() == null
                ? "text/plain"
                : part.getContentType().toLowerCase(Locale.ROOT);
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    walk(child, bodies);
                }
            }
            return;
        }
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
        if (!attachment && type.startsWith("text/html") && bodies.html == null) {
            bodies.html = text(part);
        } else if (!attachment && type.startsWith("text/plain") && bodies.text == null) {
            bodies.text = text(part);
        } else {
            bodies.attachments.add(new ParsedMail.Part(fileName(part), baseType(type), decoded(part), contentId(part)));
        }
    }

    /** Opens the decoded content of a part (base64, quoted-printable…) as it is read. */
    private static AttachmentContent.InputStreamSource decoded(Part part) {
        return () -> {
            try {
                return part.getInputStream();
            } catch (MessagingException e) {
                throw new IOException("unreadable part: " + e.getMessage(), e);
            }
        };
    }

    /**
     * The decoded text of a part in its declared charset, unless its bytes cannot be in that charset (a
     * us-ascii or UTF-8 label on bytes of another charset); else UTF-8, else ISO-8859-1.
     */
    private static String text(Part part) throws MessagingException, IOException {
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        }
        Optional<String> declared = declaredCharset(part.getContentType()).flatMap(charset -> strictly(bytes, charset));
        return declared.or(() -> strictly(bytes, StandardCharsets.UTF_8))
                .orElseGet(() -> new String(bytes, StandardCharsets.ISO_8859_1));
    }

    private static Optional<Charset> declaredCharset(String contentType) {
        String name = charset(contentType);
        if (name == null) {
            return Optional.empty();
        }
        if (name.equalsIgnoreCase("us-ascii") || name.equalsIgnoreCase("ascii")) {
            // taken at its word (Jakarta Mail reads it as ISO-8859-1): 8-bit bytes under it are another charset's
            return Optional.of(StandardCharsets.US_ASCII);
        }
        try {
            return Optional.of(Charset.forName(MimeUtility.javaCharset(name)));
        } catch (RuntimeException unknownCharset) {
            return Optional.empty();
        }
    }

    /** The text, if every byte is valid in the charset. */
    private static Optional<String> strictly(byte[] bytes, Charset charset) {
        try {
            return Optional.of(charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String charset(String contentType) {
        Matcher matcher = CHARSET.matcher(contentType == null ? "" : contentType);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static String fileName(Part part) throws MessagingException {
        String name = part.getFileName();
        if (name == null) {
            return "attachment";
        }
        try {
            return MimeUtility.decodeText(name);
        } catch (IOException e) {
            return name;
        }
    }

    private static String contentId(Part part) throws MessagingException {
        String[] values = part.getHeader("Content-ID");
        if (values == null || values.length == 0) {
            return null;
        }
        String id = values[0].strip();
        return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
    }

    private static String baseType(String type) {
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
    }

    private static EmailAddress from(MimeMessage mime) throws MessagingException {
        for (String header : new String[] {"From", "Sender", "Return-Path"}) {
            for (EmailAddress address : addresses(mime.getHeader(header, ","))) {
                return address;
            }
        }
        return null;
    }

    private static List<EmailAddress> recipients(MimeMessage mime) throws MessagingException {
        Set<EmailAddress> all = new LinkedHashSet<>();
        for (String header : new String[] {"To", "Cc", "Delivered-To", "X-Original-To", "Resent-To", "Resent-Cc"}) {
            all.addAll(addresses(mime.getHeader(header, ",")));
        }
        return List.copyOf(all);
    }

    private static List<EmailAddress> addresses(String header) {
        List<EmailAddress> list = new ArrayList<>();
        if (header == null) {
            return list;
        }
        try {
            for (Address address : InternetAddress.parseHeader(header, false)) {
                if (address instanceof InternetAddress internet && internet.getAddress() != null) {
                    EmailAddress.tryParse(internet.toUnicodeString()).ifPresent(list::add);
                }
            }
        } catch (MessagingException e) {
            // an unreadable address header counts as no address
        }
        return list;
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

    /** In-Reply-To first, then References from the newest back: the order a reply names its ancestors in. */
    private static List<String> references(MimeMessage mime) throws MessagingException {
        Set<String> ids = new LinkedHashSet<>();
        first(mime, "In-Reply-To").ifPresent(value -> ids.addAll(ids(value)));
        first(mime, "References").ifPresent(value -> {
            List<String> refs = ids(value);
            for (int i = refs.size() - 1; i >= 0; i--) {
                ids.add(refs.get(i));
            }
        });
        return List.copyOf(ids);
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
