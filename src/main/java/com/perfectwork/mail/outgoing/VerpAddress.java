package com.perfectwork.mail.outgoing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The envelope sender that ties a bounce to its mail: {@code bounce+<mailId>.<tag>@<catchall domain>},
 * where the tag is the first 8 bytes of an HMAC-SHA256 of the mail id under the server's secret. A
 * bounce whose tag does not verify was not caused by us, and changes nothing.
 */
public final class VerpAddress {

    private static final Pattern TAGGED = Pattern.compile("(?i)([^+@]+)\\+(\\d{1,18})\\.([0-9a-f]{16})@(.+)");

    private final SecretKeySpec key;

    /** One initialized MAC per thread: looking one up and keying it cost more than the HMAC itself. */
    private final ThreadLocal<Mac> macs;

    public VerpAddress(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public String encode(String bounceAlias, long mailId, String domain) {
        return bounceAlias + "+" + mailId + "." + tag(mailId) + "@" + domain;
    }

    /** The mail id of a tagged bounce address, when its alias matches and its tag verifies. */
    public Optional<Long> decode(String address, String bounceAlias) {
        Matcher matcher = TAGGED.matcher(address == null ? "" : address.strip());
        if (!matcher.matches() || !matcher.group(1).equalsIgnoreCase(bounceAlias)) {
            return Optional.empty();
        }
        long mailId = Long.parseLong(matcher.group(2));
        boolean genuine = MessageDigest.isEqual(
                tag(mailId).getBytes(StandardCharsets.US_ASCII),
                matcher.group(3).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        return genuine ? Optional.of(mailId) : Optional.empty();
    }

    private String tag(long mailId) {
        // doFinal resets the MAC to its key, ready for the next tag
        byte[] digest = macs.get().doFinal(("bounce:" + mailId).getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(digest, 0, 8);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
