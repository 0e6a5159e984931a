package com.perfectwork.mail.deliverability;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * The SHA-256 of a message body in DKIM's canonical form, fed in pieces as the body streams by: simple (RFC 6376
 * §3.4.3: as it is, without its trailing empty lines, a CRLF for an empty body) or relaxed (§3.4.4: whitespace runs
 * as one space, none at line ends, no empty lines at the end, nothing for an empty body); cut after {@code limit}
 * canonical bytes when the signature has an {@code l=} tag (§3.5). Lines end with CRLF on the wire; a bare LF (a mail
 * stored by an MTA with local line ends) is read as one, since the mail travelled with CRLF.
 */
final class CanonicalBody {

    private final boolean relaxed;
    private final long limit;
    private final MessageDigest digest = sha256();
    private final byte[] out = new byte[8192];
    private int buffered;
    private long length;
    private long emptyLines;
    /** The current line has content: any byte (simple), a byte other than whitespace (relaxed). */
    private boolean lineStarted;
    /** Relaxed: whitespace read in the current line, written as one space before its next content. */
    private boolean space;
    /** A CR was read last: a line end if an LF follows, else a byte of the line. */
    private boolean carriageReturn;

    /** @param limit the canonical bytes hashed at most ({@code l=}), or -1 for all of them */
    CanonicalBody(boolean relaxed, long limit) {
        this.relaxed = relaxed;
        this.limit = limit;
    }

    void update(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (carriageReturn) {
                carriageReturn = false;
                if (b == '\n') {
                    endLine();
                    continue;
                }
                content((byte) '\r');
            }
            if (b == '\r') {
                carriageReturn = true;
            } else if (b == '\n') {
                endLine();
            } else if (relaxed && (b == ' ' || b == '\t')) {
                space = true;
            } else {
                content(b);
            }
        }
    }

    /** The hash of the canonical body (its first {@code limit} bytes); the body must have been fed whole. */
    byte[] digest() {
        if (carriageReturn) {
            carriageReturn = false;
            content((byte) '\r');
        }
        if (lineStarted || (!relaxed && length == 0)) {
            // a last line without its CRLF gets one; simple: so does an empty body
            emit((byte) '\r');
            emit((byte) '\n');
            lineStarted = false;
        }
        flush();
        return digest.digest();
    }

    /** The length of the whole canonical body, hashed or not (after {@link #digest()}). */
    long length() {
        return length;
    }

    private void content(byte b) {
        if (!lineStarted) {
            // empty lines count only when a line with content follows them
            for (; emptyLines > 0; emptyLines--) {
                emit((byte) '\r');
                emit((byte) '\n');
            }
            lineStarted = true;
        }
        if (space) {
            emit((byte) ' ');
            space = false;
        }
        emit(b);
    }

    private void endLine() {
        if (lineStarted) {
            emit((byte) '\r');
            emit((byte) '\n');
        } else {
            emptyLines++;
        }
        lineStarted = false;
        space = false;
    }

    private void emit(byte b) {
        if (limit < 0 || length < limit) {
            if (buffered == out.length) {
                flush();
            }
            out[buffered++] = b;
        }
        length++;
    }

    private void flush() {
        digest.update(out, 0, buffered);
        buffered = 0;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
