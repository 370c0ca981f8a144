package io.atelier.core.provider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Where a provider writes an image while it arrives (decoded from the backend's response stream),
 * so that no whole copy of it, let alone of its base64 text, is held in memory. The generation
 * engine's sink stores it straight into the image store, hashed on the way; a detached context's
 * sink keeps the bytes in memory.
 *
 * <p>Usage: {@code try (Writer w = sink.open()) { decode into w; image = w.finish(mime, w, h, revised); }}
 * (closing an unfinished writer discards it).
 */
public interface ImageSink {

    /** Opens a writer for one image's encoded bytes. */
    Writer open() throws IOException;

    /** The bytes of one image. Not thread-safe. */
    abstract class Writer extends OutputStream {

        /** The first bytes written (at least the image header when the image has one near its start). */
        public abstract byte[] head();

        /** Bytes written so far. */
        public abstract long size();

        /**
         * Completes the image and describes it; the writer takes no more bytes.
         *
         * @param mimeType      the image's media type
         * @param width         pixel width
         * @param height        pixel height
         * @param revisedPrompt the prompt the backend says it used, or null
         */
        public abstract ProviderResult.GeneratedImage finish(String mimeType, int width, int height, String revisedPrompt)
                throws IOException;
    }

    /** A sink that keeps each image in memory ({@link ProviderContext#detached()}, tests, benchmarks). */
    ImageSink IN_MEMORY = () -> new Writer() {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int offset, int length) {
            bytes.write(b, offset, length);
        }

        @Override
        public byte[] head() {
            return bytes.toByteArray();
        }

        @Override
        public long size() {
            return bytes.size();
        }

        @Override
        public ProviderResult.GeneratedImage finish(String mimeType, int width, int height, String revisedPrompt) {
            return new ProviderResult.GeneratedImage(bytes.toByteArray(), mimeType, width, height, revisedPrompt);
        }
    };
}
