package io.atelier.bot.chat;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/** The 2×2 grid both bots show for a result of four images (the singles stay available beside it). */
public final class ChatGrid {

    /** Each cell at most this wide: the grid stays small enough for any platform's upload limit. */
    static final int MAX_CELL = 512;

    private ChatGrid() {
    }

    /** Four images side by side, 2×2, as a PNG; empty when an image cannot be decoded. */
    public static Optional<byte[]> of(List<byte[]> four) {
        try {
            List<BufferedImage> decoded = new ArrayList<>();
            for (byte[] b : four) {
                BufferedImage img = ImageIO.read(new ByteArrayInputStream(b));
                if (img == null) {
                    return Optional.empty();
                }
                decoded.add(img);
            }
            int cellW = Math.min(MAX_CELL, decoded.getFirst().getWidth());
            int cellH = (int) Math.round((double) decoded.getFirst().getHeight() * cellW / decoded.getFirst().getWidth());
            BufferedImage out = new BufferedImage(cellW * 2, cellH * 2, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            for (int i = 0; i < 4; i++) {
                g.drawImage(decoded.get(i), (i % 2) * cellW, (i / 2) * cellH, cellW, cellH, null);
            }
            g.dispose();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(out, "png", bytes);
            return Optional.of(bytes.toByteArray());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * A smaller JPEG of an image, at most {@code maxSide} pixels on its longer side: what a chat shows
     * when the original does not fit the platform's upload limit. Empty when it cannot be decoded.
     */
    public static Optional<byte[]> preview(byte[] image, int maxSide) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(image));
            if (img == null) {
                return Optional.empty();
            }
            double scale = Math.min(1.0, (double) maxSide / Math.max(img.getWidth(), img.getHeight()));
            int w = Math.max(1, (int) Math.round(img.getWidth() * scale));
            int h = Math.max(1, (int) Math.round(img.getHeight() * scale));
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(img, 0, 0, w, h, null);
            g.dispose();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(out, "jpg", bytes);
            return Optional.of(bytes.toByteArray());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
