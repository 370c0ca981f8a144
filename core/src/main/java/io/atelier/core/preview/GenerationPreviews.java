package io.atelier.core.preview;

import io.atelier.core.common.Timestamps;
import io.atelier.core.generation.GenerationEvent;
import io.atelier.core.generation.GenerationPreviewEvent;
import io.atelier.core.provider.ProviderContext;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Live previews of running generations: the newest intermediate image a provider showed
 * ({@link ProviderContext#preview}), shrunk to a small JPEG and kept in {@code generation_previews}
 * (one row per generation, replaced as new ones come), so that a chat message on any instance can
 * show it while the job runs. The row goes when the generation ends (and with it, by cascade).
 *
 * <p>Throttled like progress: at most one preview per generation every {@code atelier.previews.interval}
 * (default 1s) is decoded, shrunk and stored; the others are dropped. {@link #offer} never throws: a
 * preview is a nicety, never a reason for a generation to fail.
 *
 * <p>Threading: thread-safe; {@link #offer} runs on the worker's thread (some 10 ms of CPU per stored
 * preview at 1024×1024), {@link #latest} on delivery threads.
 */
@Component
public class GenerationPreviews {

    /** The longest side of a stored preview, in pixels. */
    public static final int MAX_SIDE = 320;
    private static final Logger log = LoggerFactory.getLogger(GenerationPreviews.class);
    private static final long MAX_SOURCE_PIXELS = 16_777_216L;

    /**
     * A stored preview.
     *
     * @param version increases with each preview of the generation (1, 2 …)
     */
    public record Preview(String generationId, int version, String mimeType, byte[] bytes, int width, int height) {
    }

    private final JdbcClient jdbc;
    private final Duration interval;
    private final Map<String, Long> lastStored = new ConcurrentHashMap<>();

    GenerationPreviews(JdbcClient jdbc, @Value("${atelier.previews.interval:1s}") Duration interval) {
        this.jdbc = jdbc;
        this.interval = interval;
    }

    /** Stores the preview as the generation's newest when the last one is older than the interval. */
    public void offer(String generationId, ProviderContext.Preview preview) {
        long now = System.nanoTime();
        Long last = lastStored.get(generationId);
        if (last != null && now - last < interval.toNanos()) {
            return;
        }
        lastStored.put(generationId, now);
        try {
            Optional<BufferedImage> shrunk = shrink(preview.bytes());
            if (shrunk.isEmpty()) {
                return;
            }
            byte[] jpeg = jpeg(shrunk.get());
            store(generationId, jpeg, shrunk.get().getWidth(), shrunk.get().getHeight());
        } catch (IOException | RuntimeException e) {
            log.debug("preview of generation {} dropped: {}", generationId, e.toString());
        }
    }

    /** The newest preview of a generation, if one was stored and it has not ended. */
    public Optional<Preview> latest(String generationId) {
        return jdbc.sql("SELECT version, mime_type, bytes, width, height FROM generation_previews WHERE generation_id = ?")
                .param(generationId)
                .query((rs, n) -> new Preview(generationId, rs.getInt("version"), rs.getString("mime_type"),
                        rs.getBytes("bytes"), rs.getInt("width"), rs.getInt("height")))
                .optional();
    }

    /** A provider's preview, published by the worker. */
    @EventListener
    void on(GenerationPreviewEvent event) {
        offer(event.generationId(), event.preview());
    }

    /** A generation that ended needs no preview any more. */
    @EventListener
    void on(GenerationEvent event) {
        if (event.kind() != GenerationEvent.Kind.FINISHED) {
            return;
        }
        String id = event.generation().id();
        lastStored.remove(id);
        try {
            jdbc.sql("DELETE FROM generation_previews WHERE generation_id = ?").param(id).update();
        } catch (DataAccessException e) {
            log.debug("could not delete the preview of generation {}: {}", id, e.toString());
        }
    }

    private void store(String generationId, byte[] jpeg, int width, int height) {
        var at = Timestamps.db(Timestamps.now());
        int updated = jdbc.sql("""
                        UPDATE generation_previews SET version = version + 1, mime_type = 'image/jpeg', bytes = ?, width = ?,
                        height = ?, updated_at = ? WHERE generation_id = ?""")
                .params(jpeg, width, height, at, generationId)
                .update();
        if (updated == 0) {
            try {
                jdbc.sql("""
                                INSERT INTO generation_previews (generation_id, version, mime_type, bytes, width, height, updated_at)
                                VALUES (?, 1, 'image/jpeg', ?, ?, ?, ?)""")
                        .params(generationId, jpeg, width, height, at)
                        .update();
            } catch (DataAccessException raced) {
                // Another offer inserted it first (or the generation is gone): this preview is skipped.
                log.debug("preview of generation {} not inserted: {}", generationId, raced.toString());
            }
        }
    }

    /** The image at most {@link #MAX_SIDE} a side, opaque; empty when it cannot be read or is huge. */
    static Optional<BufferedImage> shrink(byte[] bytes) throws IOException {
        BufferedImage source = ImageIO.read(new ByteArrayInputStream(bytes));
        if (source == null || (long) source.getWidth() * source.getHeight() > MAX_SOURCE_PIXELS) {
            return Optional.empty();
        }
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(source.getWidth(), source.getHeight()));
        int width = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, width, height, null);
        g.dispose();
        return Optional.of(out);
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter writer = writers.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.8f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
