package com.perfectwork.mail.routing;

import com.perfectwork.mail.discussion.AttachmentContent;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeUtility;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.util.DecodingException;

/**
 * The text of a body part, decoded (base64, quoted-printable…) and read in its declared charset unless its bytes
 * cannot be in it (a us-ascii or UTF-8 label on bytes of another charset); else UTF-8, else ISO-8859-1. At most
 * {@link #LIMIT} bytes of it are read: a body is shown, stored and searched, and a longer one would only fill the
 * heap; the caller keeps the whole part as an attachment.
 */
final class BodyText {

    /** The most of a body read as text. */
    static final int LIMIT = 1024 * 1024;

    private static final Pattern CHARSET = Pattern.compile("(?i)charset\\s*=\\s*\"?([^\";\\s]+)");

    /** A body's text; {@code cut} when the part is longer than {@link #LIMIT} and only its start was read. */
    record Read(String text, boolean cut) {}

    private BodyText() {}

    /**
     * @throws MessagingException when the body cannot be decoded (broken base64): the mail's own fault, which fails
     *     it; an {@link IOException} is the stored mail's that could not be read
     */
    static Read read(Part part) throws MessagingException, IOException {
        byte[] bytes;
        try (InputStream in = new Decoded(part.getInputStream())) {
            bytes = in.readNBytes(LIMIT + 1);
        } catch (DecodingException e) {
            throw new MessagingException("a body that cannot be decoded: " + e.getMessage(), e);
        }
        boolean cut = bytes.length > LIMIT;
        return new Read(text(bytes, Math.min(bytes.length, LIMIT), cut, part.getContentType()), cut);
    }

    /** Opens the decoded content of a part as it is read. */
    static AttachmentContent.InputStreamSource decoded(Part part) {
        return () -> {
            try {
                return new Decoded(part.getInputStream());
            } catch (MessagingException e) {
                throw new IOException("unreadable part: " + e.getMessage(), e);
            }
        };
    }

    /**
     * A part's decoded content, whose decoder fails on malformed content with a {@link DecodingException}, as Angus's
     * base64 decoder does, whatever it throws: its uudecoder, given a short {@code begin} line, throws a
     * {@code StringIndexOutOfBoundsException}. Malformed content is the mail's fault, never a bug to crash on.
     */
    private static final class Decoded extends FilterInputStream {

        Decoded(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (RuntimeException e) {
                throw undecodable(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (RuntimeException e) {
                throw undecodable(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (RuntimeException e) {
                throw undecodable(e);
            }
        }

        private static DecodingException undecodable(RuntimeException e) {
            DecodingException undecodable = new DecodingException("malformed content: " + e);
            undecodable.initCause(e);
            return undecodable;
        }
    }

    /**
     * The first {@code length} bytes as text, in the first charset they can be in. A text {@code cut} at the limit
     * may end inside a character (a UTF-8 one has up to four bytes): up to three bytes less are tried, so that the
     * cut does not make it look like another charset's.
     */
    private static String text(byte[] bytes, int length, boolean cut, String contentType) {
        for (Charset charset : candidates(contentType)) {
            for (int end = length; end > (cut ? length - 4 : length - 1) && end >= 0; end--) {
                Optional<String> text = strictly(bytes, end, charset);
                if (text.isPresent()) {
                    return text.get();
                }
            }
        }
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    private static List<Charset> candidates(String contentType) {
        Optional<Charset> declared = declaredCharset(contentType);
        return declared.isEmpty() || declared.get().equals(StandardCharsets.UTF_8)
                ? List.of(StandardCharsets.UTF_8)
                : List.of(declared.get(), StandardCharsets.UTF_8);
    }

    private static Optional<Charset> declaredCharset(String contentType) {
        Matcher matcher = CHARSET.matcher(contentType == null ? "" : contentType);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String name = matcher.group(1);
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

    /** The text of the first {@code length} bytes, if every one of them is valid in the charset. */
    private static Optional<String> strictly(byte[] bytes, int length, Charset charset) {
        try {
            return Optional.of(charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
