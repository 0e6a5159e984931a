package com.perfectwork.mail.routing;

import jakarta.mail.internet.SharedInputStream;
import java.io.InputStream;

/**
 * A mail held in memory, read by the MIME parser without a lock. Jakarta Mail reads headers and multipart
 * boundaries one byte at a time; its {@code SharedByteArrayInputStream} (a {@code ByteArrayInputStream}) and its
 * {@code SharedFileInputStream} take a lock for every byte, which was a twentieth of the time spent on a received
 * mail. Like them it is a {@link SharedInputStream}: the parts of a message are windows on the same bytes, not
 * copies. One parser reads it, in one thread.
 */
final class SharedBytes extends InputStream implements SharedInputStream {

    private final byte[] bytes;
    /** Where this window starts in {@link #bytes}; positions are relative to it. */
    private final int start;

    private final int end;
    private int position;
    private int mark;

    SharedBytes(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    private SharedBytes(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.start = start;
        this.end = end;
        this.position = start;
        this.mark = start;
    }

    @Override
    public int read() {
        return position < end ? bytes[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        int count = Math.min(length, end - position);
        System.arraycopy(bytes, position, buffer, offset, count);
        position += count;
        return count;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, end - position));
        position += (int) skipped;
        return skipped;
    }

    @Override
    public int available() {
        return end - position;
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    @Override
    public void mark(int readLimit) {
        mark = position;
    }

    @Override
    public void reset() {
        position = mark;
    }

    @Override
    public long getPosition() {
        return position - start;
    }

    @Override
    public InputStream newStream(long from, long to) {
        if (from < 0) {
            throw new IllegalArgumentException("start < 0");
        }
        int first = (int) Math.min(start + from, end);
        int last = to == -1 ? end : (int) Math.min(start + to, end);
        return new SharedBytes(bytes, first, Math.max(first, last));
    }
}
