package com.perfectwork.mail.deliverability;

import com.perfectwork.mail.MailFixtures;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The DKIM key records the signed fixtures of {@code mail/authentication} were signed for, by name. */
public final class FixtureKeys {

    private FixtureKeys() {}

    /** As {@code sign.py} wrote them in {@code keys.txt}: {@code <selector>._domainkey.<domain>} to its record. */
    public static Map<String, String> records() {
        String text = new String(MailFixtures.load("authentication/keys.txt", Map.of()), StandardCharsets.US_ASCII);
        Map<String, String> keys = new LinkedHashMap<>();
        text.lines().filter(line -> !line.isBlank()).forEach(line -> {
            int equals = line.indexOf('=');
            keys.put(line.substring(0, equals), line.substring(equals + 1));
        });
        return keys;
    }
}
