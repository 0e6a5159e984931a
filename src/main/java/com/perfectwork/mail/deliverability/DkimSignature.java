package com.perfectwork.mail.deliverability;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
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

    private static final byte[] CRLF = {'\r', '\n'};

    private DkimSignature() {}

    /** The value of the DKIM-Signature header for {@code wire} (headers, blank line, body), folded. */
    static String sign(byte[] wire, SigningKey key, long timestamp) {
        int split = bodyStart(wire);
        List<Field> fields = fields(wire, split < 0 ? wire.length : split);
        byte[] bodyHash = bodyHash(wire, split < 0 ? wire.length : split);
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
        StringBuilder data = new StringBuilder();
        List<Field> unused = new ArrayList<>(fields);
        for (String name : names) {
            // several instances of a name are signed from the last one up (section 5.4.2)
            for (int i = unused.size() - 1; i >= 0; i--) {
                if (unused.get(i).name().equals(name)) {
                    data.append(relaxed(unused.remove(i).line())).append("\r\n");
                    break;
                }
            }
        }
        data.append(relaxed("DKIM-Signature: " + unsigned));
        return unsigned + fold(signature(data.toString().getBytes(StandardCharsets.ISO_8859_1), key));
    }

    /** Relaxed header canonicalization (section 3.4.2) of one field, without its final CRLF. */
    static String relaxed(String field) {
        int colon = field.indexOf(':');
        String name = field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = field.substring(colon + 1).replace("\r\n", "");
        StringBuilder out = new StringBuilder(name.length() + value.length() + 1)
                .append(name)
                .append(':');
        boolean space = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t') {
                space = true;
            } else {
                if (space && out.length() > name.length() + 1) {
                    out.append(' ');
                }
                space = false;
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The SHA-256 of the relaxed body (section 3.4.4): whitespace runs as one space, none at line ends, no empty
     * lines at the end, and a non-empty body ending with CRLF.
     */
    static byte[] bodyHash(byte[] wire, int from) {
        MessageDigest digest = sha256();
        byte[] line = new byte[1024];
        int length = 0;
        int emptyLines = 0;
        boolean space = false;
        for (int i = from; i <= wire.length; i++) {
            boolean end = i == wire.length || wire[i] == '\n' && i > from && wire[i - 1] == '\r';
            if (end) {
                if (length > 0) {
                    for (; emptyLines > 0; emptyLines--) {
                        digest.update(CRLF);
                    }
                    digest.update(line, 0, length);
                    digest.update(CRLF);
                } else if (i < wire.length) {
                    emptyLines++;
                }
                length = 0;
                space = false;
                continue;
            }
            byte b = wire[i];
            if (b == '\r' && i + 1 < wire.length && wire[i + 1] == '\n') {
                continue;
            }
            if (b == ' ' || b == '\t') {
                space = true;
                continue;
            }
            if (length + 2 > line.length) {
                line = java.util.Arrays.copyOf(line, line.length * 2);
            }
            if (space) {
                line[length++] = ' ';
                space = false;
            }
            line[length++] = b;
        }
        return digest.digest();
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

    private static List<Field> fields(byte[] wire, int end) {
        String headers = new String(wire, 0, Math.max(0, end - 2), StandardCharsets.ISO_8859_1);
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
            Signature signature;
            if (DkimKey.ED25519_SHA256.equals(key.algorithm())) {
                signature = Signature.getInstance("Ed25519");
                data = sha256().digest(data);
            } else {
                signature = Signature.getInstance("SHA256withRSA");
            }
            signature.initSign(key.privateKey());
            signature.update(data);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot sign with the DKIM key " + key.selector() + " of " + key.domain(), e);
        }
    }

    /** The signature folded into lines of at most 72 characters, which relaxed canonicalization ignores. */
    private static String fold(String base64) {
        StringBuilder folded = new StringBuilder();
        for (int i = 0; i < base64.length(); i += 70) {
            folded.append(i == 0 ? "" : "\r\n\t").append(base64, i, Math.min(base64.length(), i + 70));
        }
        return folded.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
