package io.atelier.core.provider.http;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.imageio.ImageIO;

import io.atelier.core.provider.ProviderContext;

/** PNGs and a recording context for provider tests. */
public final class TestImages {

    private TestImages() {
    }

    public static byte[] png(int width, int height, int rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return write(image);
    }

    /** A mask in OpenAI's convention: the left half transparent (repaint), the right half opaque (keep). */
    public static byte[] transparentLeftHalfMask(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, x < width / 2 ? 0x00000000 : 0xFF000000);
            }
        }
        return write(image);
    }

    public static String base64Png(int width, int height, int rgb) {
        return Base64.getEncoder().encodeToString(png(width, height, rgb));
    }

    private static byte[] write(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Records progress; canceled on demand. */
    public static class RecordingContext implements ProviderContext {
        public final List<Progress> progress = new CopyOnWriteArrayList<>();
        public final List<Preview> previews = new CopyOnWriteArrayList<>();
        public final AtomicBoolean cancelled = new AtomicBoolean();

        @Override
        public void progress(Progress p) {
            progress.add(p);
        }

        @Override
        public void preview(Preview p) {
            previews.add(p);
        }

        @Override
        public boolean isCancelled() {
            return cancelled.get();
        }
    }
}
