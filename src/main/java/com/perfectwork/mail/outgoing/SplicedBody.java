package com.perfectwork.mail.outgoing;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A mass mail's body (multipart/alternative, both parts quoted-printable) encoded once per bulk message, into which
 * each mail only splices its recipient's token: encoding the body again for every recipient was most of the cost of
 * composing a mass mail. The texts between the placeholders are encoded apart; each token goes on a line of its own
 * between two soft line breaks ({@code =CRLF}, RFC 2045 section 6.7 rule 5), which a reader removes, so that the
 * decoded part is exactly the text with its token, and no line grows past 76 characters whatever the token's length.
 * Only a token that quoted-printable writes as itself (letters, digits, {@code . _ -}, as {@code TraceToken} makes
 * them) can be spliced; {@link #canSplice} says which. Immutable, shared by every mail of the bulk message.
 */
final class SplicedBody {

    private static final Pattern SPLICEABLE = Pattern.compile("[A-Za-z0-9._-]{0,72}");
    private static final byte[] SOFT_BREAK = {'=', '\r', '\n'};
    private static final String TEXT_SLOT = "PerfectworkTextSlot";
    private static final String HTML_SLOT = "PerfectworkHtmlSlot";

    private final String contentType;
    private final String transferEncoding;
    private final byte[] beforeText;
    private final byte[] betweenParts;
    private final byte[] afterHtml;
    private final List<byte[]> text;
    private final List<byte[]> html;
    private final int length;

    private SplicedBody(NotificationMail.EncodedBody frame, List<byte[]> text, List<byte[]> html) {
        byte[] bytes = frame.bytes();
        int textAt = indexOf(bytes, TEXT_SLOT, 0);
        int htmlAt = indexOf(bytes, HTML_SLOT, textAt);
        this.contentType = frame.contentType();
        this.transferEncoding = frame.transferEncoding();
        this.beforeText = Arrays.copyOfRange(bytes, 0, textAt);
        this.betweenParts = Arrays.copyOfRange(bytes, textAt + TEXT_SLOT.length(), htmlAt);
        this.afterHtml = Arrays.copyOfRange(bytes, htmlAt + HTML_SLOT.length(), bytes.length);
        this.text = text;
        this.html = html;
        this.length = bytes.length + sum(text) + sum(html);
    }

    /** The frame (boundaries, part headers) and the texts' pieces, each encoded once. */
    static SplicedBody of(BulkTemplate.Text text, BulkTemplate.Text html) {
        return new SplicedBody(
                NotificationComposer.encode(TEXT_SLOT, HTML_SLOT, List.of()), encoded(text), encoded(html));
    }

    /** Whether {@code token} stands for itself in quoted-printable and fits on a line: null (no token) does. */
    static boolean canSplice(String token) {
        return token == null || SPLICEABLE.matcher(token).matches();
    }

    /** The body with {@code token} (null: none) in every placeholder; see {@link #canSplice}. */
    NotificationMail.EncodedBody with(String token) {
        byte[] value = token == null ? new byte[0] : token.getBytes(StandardCharsets.US_ASCII);
        int spliced = (text.size() + html.size() - 2) * (value.length + 2 * SOFT_BREAK.length);
        ByteArrayOutputStream body = new ByteArrayOutputStream(length + spliced);
        body.writeBytes(beforeText);
        splice(body, text, value);
        body.writeBytes(betweenParts);
        splice(body, html, value);
        body.writeBytes(afterHtml);
        return new NotificationMail.EncodedBody(contentType, transferEncoding, body.toByteArray());
    }

    private static void splice(ByteArrayOutputStream body, List<byte[]> pieces, byte[] token) {
        body.writeBytes(pieces.get(0));
        for (int i = 1; i < pieces.size(); i++) {
            body.writeBytes(SOFT_BREAK);
            body.writeBytes(token);
            body.writeBytes(SOFT_BREAK);
            body.writeBytes(pieces.get(i));
        }
    }

    private static List<byte[]> encoded(BulkTemplate.Text text) {
        return text.pieces().stream().map(SplicedBody::quotedPrintable).toList();
    }

    /** As {@link NotificationComposer#encode} writes a text part: its UTF-8 bytes through Angus's encoder. */
    private static byte[] quotedPrintable(String piece) {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream(piece.length() + piece.length() / 8 + 16);
        try (OutputStream qp = MimeUtility.encode(encoded, "quoted-printable")) {
            qp.write(piece.getBytes(StandardCharsets.UTF_8));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot encode a mass mail's body", e);
        }
        return encoded.toByteArray();
    }

    private static int indexOf(byte[] bytes, String slot, int from) {
        byte[] wanted = slot.getBytes(StandardCharsets.US_ASCII);
        for (int i = from; i <= bytes.length - wanted.length; i++) {
            if (Arrays.equals(bytes, i, i + wanted.length, wanted, 0, wanted.length)) {
                return i;
            }
        }
        throw new IllegalStateException("the encoded frame lost its slot " + slot);
    }

    private static int sum(List<byte[]> pieces) {
        return pieces.stream().mapToInt(piece -> piece.length).sum();
    }
}
