package com.perfectwork.mail.deliverability;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A DKIM key record (RFC 6376 §3.6.1) as a verifier reads it from {@code <selector>._domainkey.<domain>}: its key
 * type ({@code k=}, rsa by default, or ed25519 of RFC 8463), the key, and its flags ({@code t=y} testing,
 * {@code t=s} strict: the {@code i=} of a signature must be the {@code d=} itself).
 */
record DkimKeyRecord(String keyType, PublicKey key, boolean testing, boolean strict) {

    /** RFC 8301 §3.2: a verifier must not accept RSA keys shorter than this. */
    static final int MIN_RSA_BITS = 1024;

    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410), before the 32 bytes of the raw key. */
    private static final byte[] ED25519_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    /**
     * @throws IllegalArgumentException why the record cannot be used: not a tag list, another version, a revoked key
     *     (empty {@code p=}), a key type or hash this verifier does not know, a service other than email, a key that
     *     does not decode or is too short
     */
    static DkimKeyRecord parse(String text) {
        Map<String, String> tags = TagList.parse(text, false);
        String version = tags.get("v");
        if (version != null
                && (!version.equals("DKIM1") || !tags.keySet().iterator().next().equals("v"))) {
            throw new IllegalArgumentException("v=" + version + ": only v=DKIM1, first, is a DKIM key record");
        }
        String data = tags.get("p");
        if (data == null) {
            throw new IllegalArgumentException("no p= tag: not a DKIM key record");
        }
        data = TagList.compact(data);
        if (data.isEmpty()) {
            throw new IllegalArgumentException("the key is revoked (empty p=)");
        }
        String type = tags.getOrDefault("k", "rsa");
        List<String> hashes = values(tags.get("h"));
        if (!hashes.isEmpty() && !hashes.contains("sha256")) {
            throw new IllegalArgumentException("h=" + tags.get("h") + ": the key is not for sha256");
        }
        List<String> services = values(tags.getOrDefault("s", "*"));
        if (!services.contains("*") && !services.contains("email")) {
            throw new IllegalArgumentException("s=" + tags.get("s") + ": the key is not for email");
        }
        List<String> flags = values(tags.get("t"));
        return new DkimKeyRecord(type, key(type, decode(data)), flags.contains("y"), flags.contains("s"));
    }

    /** The algorithm of a signature ({@code a=}) is the one of this key. */
    boolean signs(String algorithm) {
        return (keyType.equals("rsa") && algorithm.equals(DkimKey.RSA_SHA256))
                || (keyType.equals("ed25519") && algorithm.equals(DkimKey.ED25519_SHA256));
    }

    private static PublicKey key(String type, byte[] data) {
        try {
            return switch (type) {
                case "rsa" -> rsa(data);
                case "ed25519" -> {
                    if (data.length != 32) {
                        throw new IllegalArgumentException("an ed25519 key is 32 bytes, not " + data.length);
                    }
                    yield KeyFactory.getInstance("Ed25519")
                            .generatePublic(new X509EncodedKeySpec(concat(ED25519_PREFIX, data)));
                }
                default -> throw new IllegalArgumentException("k=" + type + " is not a key type this server knows");
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the " + type + " key does not decode: " + e.getMessage());
        }
    }

    /**
     * An RSA key as a SubjectPublicKeyInfo (what {@code openssl rsa -pubout} writes, and RFC 6376's example), or as
     * the bare RSAPublicKey some older records publish.
     */
    private static PublicKey rsa(byte[] data) throws GeneralSecurityException {
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        PublicKey key;
        try {
            key = rsa.generatePublic(new X509EncodedKeySpec(data));
        } catch (GeneralSecurityException e) {
            key = rsa.generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo(data)));
        }
        int bits = ((RSAPublicKey) key).getModulus().bitLength();
        if (bits < MIN_RSA_BITS) {
            throw new IllegalArgumentException(
                    "the RSA key has " + bits + " bits; fewer than " + MIN_RSA_BITS + " are not accepted (RFC 8301)");
        }
        return key;
    }

    /** An RSAPublicKey wrapped as SubjectPublicKeyInfo: SEQUENCE { rsaEncryption, NULL }, BIT STRING { key }. */
    private static byte[] subjectPublicKeyInfo(byte[] rsaPublicKey) {
        byte[] algorithm = HexFormat.of().parseHex("300d06092a864886f70d0101010500");
        byte[] bits = der(0x03, concat(new byte[] {0}, rsaPublicKey));
        return der(0x30, concat(algorithm, bits));
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] big = java.math.BigInteger.valueOf(length).toByteArray();
            int skip = big[0] == 0 ? 1 : 0;
            out.write(0x80 | (big.length - skip));
            out.write(big, skip, big.length - skip);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("p= is not base64");
        }
    }

    /** A colon-separated list of a key record ({@code h=}, {@code s=}, {@code t=}), lower-cased, empty when absent. */
    private static List<String> values(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split(":"))
                .map(String::strip)
                .map(v -> v.toLowerCase(java.util.Locale.ROOT))
                .toList();
    }
}
