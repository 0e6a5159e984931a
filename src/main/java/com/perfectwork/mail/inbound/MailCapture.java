package com.perfectwork.mail.inbound;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Keeps a copy of the start of a mail as it streams through to the filestore, up to {@code limit} bytes: the header
 * block (up to its empty line), which the inbound log lists, and, when the mail is no longer than that, the whole
 * mail, which is then parsed from memory instead of from the stored file. A larger mail is parsed from the file, so
 * that no mail needs more than {@code limit} bytes of the heap.
 */
final class MailCapture extends FilterInputStream {

    private final int limit;
    private byte[] kept = new byte[8192];
    private int size;
    private long total;
    private boolean ended;
    /** Where the header block ends (after its empty line), or -1 while it has not been seen. */
    private int headerEnd = -1;

    private int last1 = -1;
    private int last2 = -1;
    private int last3 = -1;

    MailCapture(InputStream in, int limit) {
        super(in);
        this.limit = limit;
    }

    /** The header block and its empty line, or the first {@code limit} bytes when no empty line came before. */
    byte[] head() {
        return Arrays.copyOf(kept, headerEnd >= 0 ? headerEnd : size);
    }

    /** The whole mail once it has been read to its end, if it fits in {@code limit} bytes; null otherwise. */
    byte[] whole() {
        return ended && total <= limit ? Arrays.copyOf(kept, size) : null;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            keep(new byte[] {(byte) b}, 0, 1);
        } else {
            ended = true;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            keep(buffer, offset, read);
        } else if (read < 0) {
            ended = true;
        }
        return read;
    }

    private void keep(byte[] buffer, int offset, int length) {
        total += length;
        int room = Math.min(length, limit - size);
        if (room <= 0) {
            return;
        }
        if (size + room > kept.length) {
            kept = Arrays.copyOf(kept, Math.min(limit, Math.max(kept.length * 2, size + room)));
        }
        System.arraycopy(buffer, offset, kept, size, room);
        for (int i = size; i < size + room && headerEnd < 0; i++) {
            int b = kept[i];
            // an empty line ends the header block: LF LF, or CR LF CR LF
            if (b == '\n' && (last1 == '\n' || (last1 == '\r' && last2 == '\n' && last3 == '\r'))) {
                headerEnd = i + 1;
            }
            last3 = last2;
            last2 = last1;
            last1 = b;
        }
        size += room;
    }
}
