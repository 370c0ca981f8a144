package io.atelier.core.gallery;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Makes gallery thumbnails: the image scaled so its longest side is at most {@code maxSide},
 * encoded as WebP when an ImageIO WebP writer is on the class path, else as JPEG (quality 0.85)
 * with ImageIO's built-in writer. Pure Java; thread-safe (no shared state).
 */
final class Thumbnailer {

    record Thumbnail(byte[] bytes, String mimeType, int width, int height) {
    }

    private final int maxSide;

    Thumbnailer(int maxSide) {
        this.maxSide = maxSide;
    }

    Thumbnail make(byte[] original) throws IOException {
        BufferedImage source = ImageIO.read(new ByteArrayInputStream(original));
        if (source == null) {
            throw new IOException("the image could not be decoded for a thumbnail");
        }
        double scale = Math.min(1.0, (double) maxSide / Math.max(source.getWidth(), source.getHeight()));
        int width = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE); // transparent areas become white: JPEG has no alpha
            g.fillRect(0, 0, width, height);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        Iterator<ImageWriter> webp = ImageIO.getImageWritersByMIMEType("image/webp");
        if (webp.hasNext()) {
            return new Thumbnail(write(webp.next(), scaled, null), "image/webp", width, height);
        }
        ImageWriter jpeg = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = jpeg.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.85f);
        return new Thumbnail(write(jpeg, scaled, param), "image/jpeg", width, height);
    }

    private static byte[] write(ImageWriter writer, BufferedImage image, ImageWriteParam param) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
