package io.atelier.core.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One blob written as its bytes arrive (a provider's answer decoded from the response stream):
 * counted and hashed (SHA-256) on the way, its first {@value #HEAD_BYTES} bytes kept so the image
 * header can be read, and stored under its content hash by {@link #commit()}. Nothing holds the
 * whole blob in memory unless the store itself does ({@link ImageStore#openWriter()}).
 *
 * <p>Closing a writer that was not committed discards what was written. Not thread-safe: one
 * writer, one thread.
 */
public abstract class BlobWriter extends OutputStream {

    /** Bytes kept from the start of the blob: enough for PNG, WebP and most JPEG headers. */
    public static final int HEAD_BYTES = 64 * 1024;

    private final MessageDigest digest = sha256();
    private final ByteArrayOutputStream head = new ByteArrayOutputStream(1024);
    private long size;
    private String hash;
    private boolean closed;

    @Override
    public final void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public final void write(byte[] bytes, int offset, int length) throws IOException {
        if (closed || hash != null) {
            throw new IOException("the blob writer is " + (hash != null ? "committed" : "closed"));
        }
        digest.update(bytes, offset, length);
        int keep = Math.min(length, HEAD_BYTES - head.size());
        if (keep > 0) {
            head.write(bytes, offset, keep);
        }
        size += length;
        sink(bytes, offset, length);
    }

    /** Bytes written so far. */
    public final long size() {
        return size;
    }

    /** The first bytes written, at most {@value #HEAD_BYTES}. */
    public final byte[] head() {
        return head.toByteArray();
    }

    /**
     * Stores the blob under its SHA-256 (idempotent: the same content twice is one blob) and returns
     * the hash. The writer cannot be written to afterwards.
     */
    public final String commit() throws IOException {
        if (hash != null) {
            return hash;
        }
        if (closed) {
            throw new IOException("the blob writer is closed");
        }
        String computed = HexFormat.of().formatHex(digest.digest());
        store(computed);
        hash = computed;
        return hash;
    }

    /** Discards the blob unless it was committed. */
    @Override
    public final void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (hash == null) {
            discard();
        }
    }

    /** Receives the bytes (a temporary file, a buffer). */
    protected abstract void sink(byte[] bytes, int offset, int length) throws IOException;

    /** Makes what was sunk the blob {@code contentHash}. */
    protected abstract void store(String contentHash) throws IOException;

    /** Drops what was sunk. Must not throw for a writer that never received a byte. */
    protected abstract void discard() throws IOException;

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    /** A writer that buffers the blob in memory and hands it to {@link ImageStore#put} on commit. */
    static final class Buffered extends BlobWriter {
        private final ImageStore store;
        private byte[] buffer = new byte[8192];
        private int length;

        Buffered(ImageStore store) {
            this.store = store;
        }

        @Override
        protected void sink(byte[] bytes, int offset, int count) {
            if (length + count > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + count));
            }
            System.arraycopy(bytes, offset, buffer, length, count);
            length += count;
        }

        @Override
        protected void store(String contentHash) throws IOException {
            store.put(Arrays.copyOf(buffer, length));
            buffer = null;
        }

        @Override
        protected void discard() {
            buffer = null;
        }
    }
}
