package com.perfectwork.mail.inbound;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;

/**
 * A large raw mail written straight to a file: a text part and one attachment of pseudo-random bytes (from a
 * seed, so they do not compress), base64-encoded chunk by chunk as a mail client does; never held whole in
 * memory. Its {@link #sha256()} and {@link #attachmentSize()} are those of the decoded attachment.
 */
final class LargeMailFile {

    /** 57 bytes make one 76-character base64 line (RFC 2045 §6.8). */
    private static final int CHUNK = 57 * 1024;

    private final Path file;
    private final long attachmentSize;
    private final String sha256;

    private LargeMailFile(Path file, long attachmentSize, String sha256) {
        this.file = file;
        this.attachmentSize = attachmentSize;
        this.sha256 = sha256;
    }

    /** {@code headers} are the top header lines (From, To, Subject, Message-ID…), without the MIME ones. */
    static LargeMailFile write(Path file, String headers, String attachmentName, long attachmentSize, long seed)
            throws IOException {
        MessageDigest digest = sha256Digest();
        Random random = new Random(seed);
        Base64.Encoder base64 = Base64.getMimeEncoder();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            ascii(out, headers.strip().replace("\n", "\r\n").replace("\r\r\n", "\r\n") + "\r\n");
            ascii(out, "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"large-boundary\"\r\n\r\n");
            ascii(out, "--large-boundary\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe file is attached.\r\n");
            ascii(
                    out,
                    "--large-boundary\r\nContent-Type: application/octet-stream; name=\"" + attachmentName
                            + "\"\r\nContent-Disposition: attachment; filename=\"" + attachmentName
                            + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n");
            byte[] chunk = new byte[CHUNK];
            for (long left = attachmentSize; left > 0; left -= CHUNK) {
                byte[] bytes = left >= CHUNK ? chunk : new byte[(int) left];
                random.nextBytes(bytes);
                digest.update(bytes);
                out.write(base64.encode(bytes));
                ascii(out, "\r\n");
            }
            ascii(out, "--large-boundary--\r\n");
        }
        return new LargeMailFile(file, attachmentSize, HexFormat.of().formatHex(digest.digest()));
    }

    Path file() {
        return file;
    }

    long attachmentSize() {
        return attachmentSize;
    }

    String sha256() {
        return sha256;
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void ascii(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
    }
}
