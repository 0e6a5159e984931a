package com.perfectwork.mail.inbound;

import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;

/**
 * What the inbound log lists of a mail before it is parsed: Message-ID, From and Subject, read from the
 * header block only, and never failing (a mail too broken for this is still stored).
 */
record Headline(String messageId, String from, String subject) {

    static Headline of(byte[] raw) {
        try {
            InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(raw));
            return new Headline(value(headers, "Message-ID"), decoded(headers, "From"), decoded(headers, "Subject"));
        } catch (Exception e) {
            return new Headline(null, null, null);
        }
    }

    private static String value(InternetHeaders headers, String name) {
        String value = headers.getHeader(name, " ");
        return value == null ? null : value.strip();
    }

    private static String decoded(InternetHeaders headers, String name) {
        String value = value(headers, name);
        try {
            return value == null ? null : MimeUtility.decodeText(MimeUtility.unfold(value));
        } catch (Exception e) {
            return value;
        }
    }
}
