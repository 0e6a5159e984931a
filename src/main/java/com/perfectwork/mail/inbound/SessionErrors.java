package com.perfectwork.mail.inbound;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Counts the error replies of one receiver session as they are written, and ends the session when they reach the
 * limit: the client is told {@code 421 4.7.0}, and the session then reads the end of its input and closes, as
 * Postfix does past {@code smtpd_hard_error_limit} (a client that keeps failing is probing addresses, or broken).
 * The replies are watched on their way out, not where they are made, because SubEthaSMTP makes most of the SMTP
 * receiver's errors itself (unknown commands, bad syntax, bad sequence). Not counted: {@code 421} (the session ends
 * anyway), {@code 4.3.x} (the server's own trouble, RFC 3463) and {@code 4.5.3} (too many recipients: the client
 * sends the rest in another transaction, RFC 5321 §4.5.3.1.10).
 */
final class SessionErrors {

    private static final byte[] CLOSING =
            "421 4.7.0 too many errors, closing the connection\r\n".getBytes(StandardCharsets.US_ASCII);

    private final int limit;
    private int errors;
    private volatile boolean ended;

    SessionErrors(int limit) {
        this.limit = limit;
    }

    /** The session's input, which ends once the session is ended. */
    InputStream input(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                return ended ? -1 : super.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return ended ? -1 : super.read(buffer, offset, length);
            }
        };
    }

    /** The session's output, whose replies are counted; nothing more is written once the session is ended. */
    OutputStream output(OutputStream out) {
        return new Replies(out);
    }

    /** Whether the line (its first bytes are enough) ends a reply that counts as an error. */
    static boolean isError(String line) {
        boolean last = line.length() == 3 || line.length() > 3 && line.charAt(3) == ' ';
        if (!last || line.length() < 3 || !(line.charAt(0) == '4' || line.charAt(0) == '5')) {
            return false;
        }
        String enhanced = line.length() > 4 ? line.substring(4) : "";
        return !line.startsWith("421") && !enhanced.startsWith("4.3.") && !enhanced.startsWith("4.5.3");
    }

    private final class Replies extends FilterOutputStream {
        /** The first bytes of the line being written: enough for its code and enhanced code. */
        private final StringBuilder line = new StringBuilder(9);

        Replies(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            if (!ended) {
                watch(b);
                out.write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (!ended) {
                for (int i = offset; i < offset + length; i++) {
                    watch(bytes[i]);
                }
                out.write(bytes, offset, length);
            }
        }

        private void watch(int b) {
            if (b == '\n') {
                if (isError(line.toString().strip())) {
                    errors++;
                }
                line.setLength(0);
            } else if (line.length() < 9) {
                line.append((char) b);
            }
        }

        @Override
        public void flush() throws IOException {
            if (ended) {
                return;
            }
            if (errors >= limit) {
                ended = true;
                out.write(CLOSING);
            }
            out.flush();
        }
    }
}
