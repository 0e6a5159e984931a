package com.perfectwork.mail.mailing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token that names one recipient of a mailing in its links, its open pixel, its unsubscribe URL and its
 * Message-ID: {@code <traceId>.<signature>}, the signature an HMAC-SHA256 of the trace id truncated to 96 bits (URL-safe
 * Base64, 16 characters), so that nobody can unsubscribe or count an open for another recipient by changing a number.
 * Compared in constant time.
 */
public final class TraceToken {

    private static final int SIGNATURE_BYTES = 12;

    private final ThreadLocal<Mac> macs;

    /** @param key a key for this purpose alone ({@code Secrets.derivedKey("mailing-trace")}) */
    public TraceToken(byte[] key) {
        byte[] copy = key.clone();
        this.macs = ThreadLocal.withInitial(() -> mac(copy));
    }

    /** The token of this trace. */
    public String sign(long traceId) {
        return traceId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature(traceId));
    }

    /** The trace id a genuine token names; empty for anything else (malformed, forged, another key's). */
    public OptionalLong verify(String token) {
        if (token == null || token.length() > 64) {
            return OptionalLong.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 1) {
            return OptionalLong.empty();
        }
        long traceId;
        byte[] given;
        try {
            traceId = Long.parseLong(token.substring(0, dot));
            given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
        if (traceId <= 0 || !MessageDigest.isEqual(given, signature(traceId))) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(traceId);
    }

    /** The trace id a token of our own queue names, unchecked (the queue is ours): empty when it has none. */
    static OptionalLong traceIdOf(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        try {
            return dot < 1 ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(token.substring(0, dot)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private byte[] signature(long traceId) {
        byte[] full = macs.get().doFinal(Long.toString(traceId).getBytes(StandardCharsets.US_ASCII));
        return Arrays.copyOf(full, SIGNATURE_BYTES);
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
