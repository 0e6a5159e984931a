package com.perfectwork.mail.mailing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An input that counts the bytes read through it: how far an import is in its file. */
final class CountedInput extends FilterInputStream {

    private volatile long count;

    CountedInput(InputStream in) {
        super(in);
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count += skipped;
        return skipped;
    }
}
