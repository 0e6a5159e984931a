package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.core.HtmlToText;
import com.perfectwork.mail.discussion.AttachmentContent;
import com.perfectwork.mail.discussion.MailableMessage;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.springframework.web.util.HtmlUtils;

/**
 * Composes the notification of a chatter message for one recipient: multipart/mixed of an
 * alternative (plain text, HTML) and the attachments. The content is prepared once per message
 * ({@link #prepare}) and reused for every recipient of a fan-out.
 */
final class NotificationComposer {

    static {
        AngusTuning.apply();
    }

    /** A session used only to build messages; connections have their own. */
    static final Session BUILDER = Session.getInstance(new Properties());

    /** The parts of one chatter message's notification that do not depend on the recipient. */
    record Content(
            MailableMessage message,
            String subject,
            String html,
            String text,
            List<Attached> attachments,
            NotificationMail.EncodedBody body,
            String aliasEmail) {}

    record Attached(String name, String mimetype, byte[] bytes) {}

    private NotificationComposer() {}

    /** @param aliasEmail the record's own alias address (its Reply-To), or null */
    static Content prepare(MailableMessage message, String recordLink, String aliasEmail) {
        String subject = MailHeaders.oneLine(
                message.subject() != null && !message.subject().isBlank()
                        ? message.subject()
                        : "Re: " + message.recordName());
        String author = message.authorName() == null ? "" : message.authorName();
        String html = """
                <div style="font-family: sans-serif; font-size: 14px;">
                <p style="color: #555;"><b>%s</b> on <a href="%s">%s</a></p>
                %s
                <hr style="border: none; border-top: 1px solid #ddd;">
                <p style="color: #888; font-size: 12px;"><a href="%s">View %s</a> &middot; \
                Reply to this email to answer in the thread.</p>
                </div>
                """.formatted(
                        HtmlUtils.htmlEscape(author),
                        recordLink,
                        HtmlUtils.htmlEscape(message.recordName()),
                        message.body(),
                        recordLink,
                        HtmlUtils.htmlEscape(message.recordName()));
        // a received mail's own text when it is kept: converting the HTML back to text was a fifth of the relay's cost
        String body = message.bodyText() != null
                ? message.bodyText().replace("\r\n", "\n").strip() + "\n"
                : HtmlToText.convert(message.body());
        String text = author + " on " + message.recordName() + ":\n\n" + body
                + "\n-- \nView " + message.recordName() + ": " + recordLink
                + "\nReply to this email to answer in the thread.\n";
        List<Attached> attachments =
                message.attachments().stream().map(NotificationComposer::read).toList();
        return new Content(message, subject, html, text, attachments, encode(text, html, attachments), aliasEmail);
    }

    /** The body of every copy, encoded once (quoted-printable text, base64 attachments). */
    static NotificationMail.EncodedBody encode(String text, String html, List<Attached> attachments) {
        try {
            MimeMessage holder = new MimeMessage(BUILDER) {
                @Override
                protected void updateMessageID() {
                    // the holder's headers are thrown away: no Message-ID (nor a host name look-up) for it
                }
            };
            holder.setContent(body(text, html, attachments));
            holder.saveChanges();
            UnsynchronizedBytes bytes = new UnsynchronizedBytes();
            holder.writeTo(bytes);
            byte[] all = bytes.toByteArray();
            return new NotificationMail.EncodedBody(
                    holder.getContentType(),
                    holder.getEncoding(),
                    java.util.Arrays.copyOfRange(all, bodyStart(all), all.length));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot encode a notification body", e);
        }
    }

    /**
     * Where the body begins: after the blank line that ends the holder's headers. Whatever headers the library writes
     * (it adds a Date on saving) are so left out, rather than named one by one: one left in became a line before the
     * first part.
     */
    private static int bodyStart(byte[] message) {
        for (int i = 0; i + 3 < message.length; i++) {
            if (message[i] == '\r' && message[i + 1] == '\n' && message[i + 2] == '\r' && message[i + 3] == '\n') {
                return i + 4;
            }
        }
        throw new IllegalStateException("the holder's headers have no end");
    }

    static NotificationMail compose(
            Content content, InternetAddress from, InternetAddress to, InternetAddress replyTo, Instant now)
            throws MessagingException {
        MailableMessage message = content.message();
        NotificationMail mail = new NotificationMail(BUILDER, message.messageIdHeader(), content.body());
        mail.setFrom(from);
        mail.setRecipient(Message.RecipientType.TO, to);
        if (replyTo != null) {
            mail.setReplyTo(new InternetAddress[] {replyTo});
        }
        mail.setSubject(content.subject(), "UTF-8");
        mail.setHeader("Date", DateHeader.of(now));
        String parent = message.parentMessageIdHeader();
        if (parent != null) {
            mail.setHeader("In-Reply-To", parent);
        }
        mail.setHeader(
                "References", parent != null ? parent + " " + message.messageIdHeader() : message.messageIdHeader());
        mail.setHeader("X-Perfectwork-Objects", message.recordModel() + "-" + message.recordId());
        mail.setHeader("X-Perfectwork-Message-Id", message.messageIdHeader());
        mail.setHeader("Auto-Submitted", "auto-generated");
        mail.saveChanges();
        return mail;
    }

    private static MimeMultipart body(String textBody, String htmlBody, List<Attached> attachments)
            throws MessagingException {
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(textPart(textBody, "text/plain; charset=UTF-8"));
        alternative.addBodyPart(textPart(htmlBody, "text/html; charset=UTF-8"));
        if (attachments.isEmpty()) {
            return alternative;
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart wrapper = new MimeBodyPart();
        wrapper.setContent(alternative);
        mixed.addBodyPart(wrapper);
        for (Attached attached : attachments) {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(attached.bytes(), attached.mimetype())));
            // Angus encodes a non-ASCII file name per RFC 2231 (mail.mime.encodeparameters is on by default)
            part.setFileName(MailHeaders.oneLine(attached.name()));
            part.setDisposition(MimeBodyPart.ATTACHMENT);
            mixed.addBodyPart(part);
        }
        return mixed;
    }

    /**
     * A text part as UTF-8 bytes, quoted-printable: given as bytes with its encoding named, it is not scanned to
     * choose an encoding nor run through a character writer when written, which was most of the time spent
     * preparing a notification.
     */
    private static MimeBodyPart textPart(String text, String type) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(text.getBytes(StandardCharsets.UTF_8), type)));
        part.setHeader("Content-Type", type);
        part.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return part;
    }

    /**
     * A growing byte buffer without a lock: the quoted-printable encoder writes one byte at a time, and the
     * uncontended lock {@link java.io.ByteArrayOutputStream} takes for each was most of the time spent encoding.
     */
    private static final class UnsynchronizedBytes extends OutputStream {
        private byte[] buffer = new byte[8192];
        private int size;

        @Override
        public void write(int b) {
            if (size == buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
            }
            buffer[size++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            if (size + length > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + length));
            }
            System.arraycopy(bytes, offset, buffer, size, length);
            size += length;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(buffer, size);
        }
    }

    private static Attached read(AttachmentContent content) {
        try (InputStream in = content.source().open()) {
            return new Attached(
                    content.attachment().name(), content.attachment().mimetype(), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read attachment " + content.attachment().id(), e);
        }
    }
}
