package com.perfectwork.mail.deliverability;

import com.perfectwork.mail.deliverability.DkimSignature.Field;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The header fields of a raw message, read off its stream up to the blank line, which leaves the stream at the
 * body's first byte. Lines are kept as they came with CRLF line ends (a bare LF, as an MTA stores mail, read as one),
 * bytes as ISO-8859-1 characters so that canonicalization sees them one to one. A header block longer than
 * {@link #LIMIT} is not read further: {@code complete} is false and the stream is where the limit fell.
 */
record MessageHead(List<Field> fields, boolean complete) {

    static final int LIMIT = 1024 * 1024;

    static MessageHead read(InputStream raw) throws IOException {
        StringBuilder head = new StringBuilder(4096);
        int lineStart = 0;
        int b;
        while ((b = raw.read()) >= 0) {
            if (b == '\n') {
                int end = head.length() > lineStart && head.charAt(head.length() - 1) == '\r'
                        ? head.length() - 1
                        : head.length();
                if (end == lineStart) {
                    head.setLength(lineStart);
                    return new MessageHead(DkimSignature.fields(head.toString()), true);
                }
                head.setLength(end);
                head.append("\r\n");
                lineStart = head.length();
            } else {
                head.append((char) b);
                if (head.length() > LIMIT) {
                    return new MessageHead(DkimSignature.fields(head.substring(0, lineStart)), false);
                }
            }
        }
        // a message of headers only
        return new MessageHead(DkimSignature.fields(head.toString()), true);
    }

    /** The fields of this name (lower case), first to last. */
    List<Field> all(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).toList();
    }

    /** A field's value unfolded, its bytes read as UTF-8 (raw non-ASCII headers are UTF-8, RFC 6532). */
    static String value(Field field) {
        String line = field.line();
        String value = line.substring(line.indexOf(':') + 1).replace("\r\n", "").strip();
        return new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
