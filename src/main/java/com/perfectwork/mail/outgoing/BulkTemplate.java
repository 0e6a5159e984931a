package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.core.HtmlToText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.util.HtmlUtils;

/**
 * A bulk message prepared for composition: its texts split once around {@value #TOKEN}, so that each mail only
 * joins the pieces with its token. Immutable, shared by every mail of the bulk message.
 */
final class BulkTemplate {

    static final String TOKEN = "{{token}}";

    /** A text with its placeholders: the pieces between them. */
    static final class Text {
        private final String[] pieces;

        private Text(String[] pieces) {
            this.pieces = pieces;
        }

        static Text of(String text) {
            if (text == null) {
                return null;
            }
            List<String> pieces = new ArrayList<>();
            int from = 0;
            for (int at = text.indexOf(TOKEN); at >= 0; at = text.indexOf(TOKEN, from)) {
                pieces.add(text.substring(from, at));
                from = at + TOKEN.length();
            }
            pieces.add(text.substring(from));
            return new Text(pieces.toArray(String[]::new));
        }

        /** The text with every placeholder replaced by {@code token} (null: removed). */
        String with(String token) {
            if (pieces.length == 1) {
                return pieces[0];
            }
            String value = token == null ? "" : token;
            StringBuilder text = new StringBuilder(length() + (pieces.length - 1) * value.length());
            text.append(pieces[0]);
            for (int i = 1; i < pieces.length; i++) {
                text.append(value).append(pieces[i]);
            }
            return text.toString();
        }

        /** The texts between the placeholders, in order: one more than there are placeholders. */
        List<String> pieces() {
            return List.of(pieces);
        }

        private int length() {
            int length = 0;
            for (String piece : pieces) {
                length += piece.length();
            }
            return length;
        }
    }

    private final long id;
    private final String subject;
    private final Text html;
    private final Text text;
    private final EmailAddress from;
    private final EmailAddress replyTo;
    private final Long mailServerId;
    private final boolean oneClick;
    private final Text listUnsubscribe;
    private final Map<String, Text> headers;
    private final SplicedBody body;

    BulkTemplate(long id, BulkMessage message) {
        this.id = id;
        this.subject = MailHeaders.oneLine(message.subject());
        String htmlBody = message.htmlBody() != null
                ? message.htmlBody()
                : "<pre>" + HtmlUtils.htmlEscape(message.textBody()) + "</pre>";
        this.html = Text.of(htmlBody);
        this.text = Text.of(message.textBody() != null ? message.textBody() : HtmlToText.convert(htmlBody));
        this.from = EmailAddress.parse(message.emailFrom(), "emailFrom");
        this.replyTo = message.replyTo() == null || message.replyTo().isBlank()
                ? null
                : EmailAddress.parse(message.replyTo(), "replyTo");
        this.mailServerId = message.mailServerId();
        this.oneClick = blankToNull(message.listUnsubscribeUrl()) != null;
        this.listUnsubscribe = Text.of(listUnsubscribe(
                blankToNull(message.listUnsubscribeUrl()), blankToNull(message.listUnsubscribeMailto())));
        Map<String, Text> extra = new LinkedHashMap<>();
        if (message.headers() != null) {
            message.headers().forEach((name, value) -> extra.put(name, Text.of(MailHeaders.oneLine(value))));
        }
        this.headers = extra;
        this.body = SplicedBody.of(text, html);
    }

    long id() {
        return id;
    }

    String subject() {
        return subject;
    }

    Text html() {
        return html;
    }

    Text text() {
        return text;
    }

    /** The body encoded once, for the tokens it can carry ({@link SplicedBody#canSplice}). */
    SplicedBody body() {
        return body;
    }

    EmailAddress from() {
        return from;
    }

    /** The Reply-To the author gave, or null. */
    EmailAddress replyTo() {
        return replyTo;
    }

    /** The dedicated server the author chose, or null. */
    Long mailServerId() {
        return mailServerId;
    }

    /** Whether the mail has an unsubscribe URL, which unsubscribes with one POST (RFC 8058). */
    boolean oneClick() {
        return oneClick;
    }

    Map<String, Text> headers() {
        return headers;
    }

    /** The List-Unsubscribe value with its placeholders, already folded; null when there is nothing to list. */
    Text listUnsubscribe() {
        return listUnsubscribe;
    }

    /**
     * RFC 2369: {@code <https://…>, <mailto:…>}, each when given, made one line once here rather than per mail (a
     * token is URL-safe Base64 and digits, which cannot break a line). Folded between the two, where folding at 76
     * characters would break it anyway: the URL alone is longer than what fits after the header's name.
     */
    private static String listUnsubscribe(String url, String mailto) {
        if (url == null && mailto == null) {
            return null;
        }
        StringBuilder value = new StringBuilder();
        if (url != null) {
            value.append('<').append(MailHeaders.oneLine(url)).append('>');
        }
        if (mailto != null) {
            String address = MailHeaders.oneLine(mailto);
            value.append(value.length() == 0 ? "" : ",\r\n ")
                    .append('<')
                    .append(address.startsWith("mailto:") ? address : "mailto:" + address)
                    .append('>');
        }
        return value.toString();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
