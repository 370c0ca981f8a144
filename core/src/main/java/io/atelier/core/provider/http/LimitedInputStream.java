package io.atelier.core.provider.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A response body read as a stream that fails with {@link BoundedBodySubscriber.TooLargeException}
 * once more than {@code limit} bytes came through, so a runaway backend cannot fill the disk or the
 * heap. Not thread-safe (one reader), but {@link #close()} may be called from another thread.
 */
public final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private long read;

    public LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    private void count(long n) throws IOException {
        read += n;
        if (read > limit) {
            throw new BoundedBodySubscriber.TooLargeException(limit);
        }
    }
}
