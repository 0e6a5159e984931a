package com.perfectwork.mail.deliverability;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A DKIM-Signature (RFC 6376) over a message as it goes on the wire (CRLF line ends), canonicalized
 * relaxed/relaxed, signed with {@code rsa-sha256} or {@code ed25519-sha256} (RFC 8463: Ed25519 over the SHA-256 of
 * the signed data). Pure: the same bytes, key and time give the same header.
 *
 * <p>Written here rather than taken from a library: the Java DKIM libraries served today sign only through their
 * own message wrapper, which parses the message again and re-encodes it (losing a body encoded once for every
 * recipient), take Ed25519 keys only as the types of an unmaintained provider (net.i2p eddsa) rather than
 * {@code java.security}'s, and canonicalize with regular expressions over a decoded string. Canonicalization is a
 * page of RFC 6376 (section 3.4); the result is verified by an independent implementation (dkimpy) in the tests.
 */
final class DkimSignature {

    /**
     * The headers signed when present (RFC 6376 section 5.4.1: those that carry the mail's meaning); From is
     * listed once more than present, so that a From added on the way breaks the signature (section 8.15).
     */
    static final List<String> SIGNED = List.of(
            "from",
            "sender",
            "reply-to",
            "to",
            "cc",
            "subject",
            "date",
            "message-id",
            "in-reply-to",
            "references",
            "mime-version",
            "content-type",
            "content-transfer-encoding",
            "list-id",
            "list-unsubscribe",
            "list-unsubscribe-post",
            "feedback-id",
            "auto-submitted",
            "precedence");

    private DkimSignature() {}

    /** The value of the DKIM-Signature header for {@code wire} (headers, blank line, body), folded. */
    static String sign(byte[] wire, SigningKey key, long timestamp) {
        return sign(wire, bodyHash(wire), key, timestamp);
    }

    /** As {@link #sign(byte[], SigningKey, long)}, with the body's hash as {@link #bodyHash(byte[])} gave it. */
    static String sign(byte[] wire, byte[] bodyHash, SigningKey key, long timestamp) {
        int split = bodyStart(wire);
        List<Field> fields = fields(
                new String(wire, 0, Math.max(0, (split < 0 ? wire.length : split) - 2), StandardCharsets.ISO_8859_1));
        List<String> names = new ArrayList<>();
        for (String name : SIGNED) {
            long present = fields.stream().filter(f -> f.name().equals(name)).count();
            for (long i = 0; i < present + (name.equals("from") ? 1 : 0); i++) {
                names.add(name);
            }
        }
        String unsigned = "v=1; a=" + key.algorithm() + "; c=relaxed/relaxed; d=" + key.domain() + "; s="
                + key.selector() + ";\r\n\tt=" + timestamp + "; h=" + String.join(":", names) + ";\r\n\tbh="
                + Base64.getEncoder().encodeToString(bodyHash) + ";\r\n\tb=";
        byte[] data = signedData(fields, names, Canonicalization.RELAXED, "DKIM-Signature: " + unsigned);
        return unsigned + fold(signature(data, key));
    }

    /**
     * What a signature signs (section 3.7): the header fields {@code names} lists, each canonicalized and ended by
     * CRLF, several instances of a name taken from the last one up (section 5.4.2) and a name with no instance left
     * taken as nothing; then the DKIM-Signature field itself, its {@code b=} empty, without its final CRLF.
     */
    static byte[] signedData(
            List<Field> fields, List<String> names, Canonicalization canonicalization, String signatureField) {
        StringBuilder data = new StringBuilder();
        List<Field> unused = new ArrayList<>(fields);
        for (String name : names) {
            for (int i = unused.size() - 1; i >= 0; i--) {
                if (unused.get(i).name().equals(name)) {
                    data.append(canonicalization.header(unused.remove(i).line()))
                            .append("\r\n");
                    break;
                }
            }
        }
        data.append(canonicalization.header(signatureField));
        return data.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The SHA-256 of the relaxed body of a message as it goes on the wire. */
    static byte[] bodyHash(byte[] wire) {
        int split = bodyStart(wire);
        return bodyHash(wire, split < 0 ? wire.length : split);
    }

    /** The SHA-256 of the relaxed body (section 3.4.4) of the message whose body starts at {@code from}. */
    static byte[] bodyHash(byte[] wire, int from) {
        CanonicalBody body = Canonicalization.RELAXED.body(-1);
        body.update(wire, from, wire.length);
        return body.digest();
    }

    /** The index of the body's first byte (after the blank line), or -1 for a message of headers only. */
    private static int bodyStart(byte[] wire) {
        for (int i = 0; i + 3 < wire.length; i++) {
            if (wire[i] == '\r' && wire[i + 1] == '\n' && wire[i + 2] == '\r' && wire[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    /** A header field: its lower-case name and its lines as they are, joined by CRLF. */
    record Field(String name, String line) {}

    /** The fields of a header block whose lines end with CRLF (bytes as ISO-8859-1 characters, one to one). */
    static List<Field> fields(String headers) {
        List<Field> fields = new ArrayList<>();
        StringBuilder current = null;
        for (String line : headers.split("\r\n", -1)) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                current.append("\r\n").append(line);
                continue;
            }
            add(fields, current);
            current = line.isEmpty() ? null : new StringBuilder(line);
        }
        add(fields, current);
        return fields;
    }

    private static void add(List<Field> fields, StringBuilder field) {
        if (field != null && field.indexOf(":") > 0) {
            String line = field.toString();
            fields.add(new Field(line.substring(0, line.indexOf(':')).strip().toLowerCase(Locale.ROOT), line));
        }
    }

    private static String signature(byte[] data, SigningKey key) {
        try {
            Signature signature = engine(key.algorithm());
            signature.initSign(key.privateKey());
            signature.update(input(key.algorithm(), data));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot sign with the DKIM key " + key.selector() + " of " + key.domain(), e);
        }
    }

    /** The {@code java.security} engine of a DKIM algorithm ({@code a=}). */
    static Signature engine(String algorithm) throws GeneralSecurityException {
        return Signature.getInstance(DkimKey.ED25519_SHA256.equals(algorithm) ? "Ed25519" : "SHA256withRSA");
    }

    /** What the engine signs: the data itself for RSA, its SHA-256 for Ed25519 (RFC 8463 section 3). */
    static byte[] input(String algorithm, byte[] data) {
        return DkimKey.ED25519_SHA256.equals(algorithm) ? CanonicalBody.sha256().digest(data) : data;
    }

    /** The signature folded into lines of at most 72 characters, which relaxed canonicalization ignores. */
    private static String fold(String base64) {
        StringBuilder folded = new StringBuilder();
        for (int i = 0; i < base64.length(); i += 70) {
            folded.append(i == 0 ? "" : "\r\n\t").append(base64, i, Math.min(base64.length(), i + 70));
        }
        return folded.toString();
    }
}
