package com.perfectwork.mail.inbound;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Keeps a copy of the start of a mail as it streams through to the filestore, up to the end of its header block
 * (the first empty line) or {@code limit} bytes: what the inbound log lists of it is read from there, without
 * opening the stored file again.
 */
final class HeaderCapture extends FilterInputStream {

    private final ByteArrayOutputStream head = new ByteArrayOutputStream(4096);
    private final int limit;
    private boolean complete;
    private int last1 = -1;
    private int last2 = -1;
    private int last3 = -1;

    HeaderCapture(InputStream in, int limit) {
        super(in);
        this.limit = limit;
    }

    /** The bytes captured: the header block and its empty line, or the first {@code limit} bytes. */
    byte[] head() {
        return head.toByteArray();
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0 && !complete) {
            keep(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read > 0 && !complete) {
            keep(buffer, offset, read);
        }
        return read;
    }

    /** Copies what belongs to the header block at once, looking for the empty line that ends it. */
    private void keep(byte[] buffer, int offset, int length) {
        int end = offset;
        int stop = offset + Math.min(length, limit - head.size());
        while (end < stop && !complete) {
            int b = buffer[end++];
            // an empty line ends the header block: LF LF, or CR LF CR LF
            complete = b == '\n' && (last1 == '\n' || (last1 == '\r' && last2 == '\n' && last3 == '\r'));
            last3 = last2;
            last2 = last1;
            last1 = b;
        }
        head.write(buffer, offset, end - offset);
        complete |= head.size() >= limit;
    }
}
