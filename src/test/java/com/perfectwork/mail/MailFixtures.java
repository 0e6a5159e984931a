package com.perfectwork.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Raw mails from {@code src/test/resources/mail/}, with their {@code {{PLACEHOLDERS}}} filled in: the Message-ID
 * replied to, the sender, a unique token. Bytes outside the placeholders are kept as they are (a fixture may
 * hold bytes of a legacy charset on purpose).
 */
public final class MailFixtures {

    private MailFixtures() {}

    public static byte[] load(String path, Map<String, String> values) {
        try (InputStream in = MailFixtures.class.getResourceAsStream("/mail/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture mail/" + path);
            }
            // ISO-8859-1 maps every byte to one char and back: the placeholders change, nothing else does
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            text = text.replace("{{UNIQUE}}", UUID.randomUUID().toString().replace("-", ""));
            for (Map.Entry<String, String> value : values.entrySet()) {
                text = text.replace("{{" + value.getKey() + "}}", value.getValue());
            }
            return text.getBytes(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
