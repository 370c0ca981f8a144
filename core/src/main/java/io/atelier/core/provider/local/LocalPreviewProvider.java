package io.atelier.core.provider.local;

import io.atelier.core.provider.ImageProvider;
import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ModelCapabilities;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderResult;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import org.springframework.stereotype.Component;

/**
 * The embedded default model {@code local/preview}: offline, deterministic procedural pictures
 * (sky gradients, suns, mountains, sea, cities, forests, orbs, stripes) whose palette and
 * composition follow the prompt's words and whose details follow the seed. It is honest
 * placeholder art for demos, tests, drafts and benchmarks, not AI, and each picture says so in a
 * small "LOCAL/PREVIEW" caption.
 *
 * <p>Determinism: the PNG bytes are a function of prompt, negative prompt, seed, size, background,
 * image inputs and image index; nothing else (no clock, no shared random). Image {@code i} of a
 * request uses its own seed derived from the request seed, the prompt and {@code i}.
 *
 * <p>Image inputs: an init image is overlaid with procedural content, its share being the request's
 * strength (or masked areas repainted, see {@link PreviewEdit}); reference images are composed side
 * by side. An upscale draws the same image of the same seed again at the larger size
 * ({@link #upscale}): procedural art has no resolution of its own.
 *
 * <p>Threading and time limits: stateless and thread-safe; {@link #generate} runs on the caller's
 * thread. With a configured {@link LocalProviderProperties#latency() latency} it first waits out a
 * share of it before each image, in slices of at most {@value #WAIT_SLICE_MILLIS} ms, reporting
 * progress each slice; cancellation and interrupts are checked every slice and between images,
 * and end the call with {@link ProviderException.Canceled} (the interrupt flag stays set). Rendering
 * and encoding one image is not interruptible; at 1024×1024 it takes some 10–40 ms on a 2-core
 * box (bench/README.md), at 4096×4096 about sixteen times that.
 */
@Component
public class LocalPreviewProvider implements ImageProvider {

    public static final String PROVIDER_ID = "local";
    public static final String MODEL_NAME = "preview";
    public static final String MODEL_ID = PROVIDER_ID + "/" + MODEL_NAME;

    static final int MAX_PIXEL_SIDE = 4096;
    static final int MAX_COUNT = 10;
    static final int PROMPT_LIMIT = 4000;
    static final int CREDIT_COST = 1;
    static final long WAIT_SLICE_MILLIS = 50;
    static final int MAX_REFERENCES = 14;
    static final int UPSCALE_FACTOR = 2;
    /** Mean absolute difference per channel (0–255) under which an image counts as this provider's own render. */
    static final double SAME_RENDER_TOLERANCE = 1.0;

    private static final String PNG = "image/png";

    static {
        // Nothing here opens a window, but ImageIO and BufferedImage load AWT classes; outside Spring
        // (which sets this itself) make sure they never go looking for a display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final Duration latency;
    private final ModelDescriptor model;

    public LocalPreviewProvider(LocalProviderProperties properties) {
        this.latency = properties.latency();
        this.model = new ModelDescriptor(MODEL_ID, PROVIDER_ID, MODEL_NAME, "Local preview",
                "Offline procedural placeholder art (not AI): instant, deterministic, any size",
                new ModelCapabilities(List.of(), true, MAX_PIXEL_SIDE, MAX_COUNT, true, true, true, true, true,
                        MAX_REFERENCES, true, UPSCALE_FACTOR),
                PROMPT_LIMIT, CREDIT_COST);
    }

    /** Renders on this machine: as many at once as there are cores, on the engine's CPU pool. */
    @Override
    public OptionalInt defaultInFlightLimit() {
        return OptionalInt.of(Runtime.getRuntime().availableProcessors());
    }

    @Override
    public boolean cpuBound() {
        return true;
    }

    @Override
    public String id() {
        return PROVIDER_ID;
    }

    @Override
    public List<ModelDescriptor> models() {
        return List.of(model);
    }

    @Override
    public ProviderResult generate(ProviderRequest request, ProviderContext context) throws ProviderException {
        boolean transparent = validate(request);
        context.throwIfCancelled();
        Scene scene = Scene.read(request.prompt(), request.negativePrompt());
        if (request.isUpscale()) {
            return upscale(request, scene, transparent, context);
        }
        boolean inputs = request.initImage() != null || !request.referenceImages().isEmpty();
        PreviewEdit edit = inputs ? PreviewEdit.prepare(request) : null;
        String caption = request.prompt().isBlank() ? MODEL_ID : MODEL_ID + ": " + request.prompt();
        ImageSize size = request.size();
        int count = request.count();
        long requestSeed = SeededRandom.mix(request.seed(), scene.promptHash());
        long latencyNanos = latency.toNanos();

        List<ProviderResult.GeneratedImage> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long shareStart = latencyNanos * i / count;
            long shareEnd = latencyNanos * (i + 1) / count;
            simulateLatency(shareEnd - shareStart, latencyNanos - shareEnd, i, count, context);
            context.throwIfCancelled();

            long imageSeed = SeededRandom.mix(requestSeed, i);
            byte[] png;
            if (edit == null) {
                Canvas canvas = PreviewRenderer.render(scene, size.width(), size.height(), imageSeed, transparent, caption);
                // An opaque canvas is the same premultiplied or not: skip the conversion pass.
                int[] pixels = transparent ? canvas.toStraightArgb() : canvas.pixels;
                png = PngEncoder.encode(pixels, size.width(), size.height(), transparent);
            } else {
                Canvas canvas = PreviewRenderer.render(scene, size.width(), size.height(), imageSeed, transparent, null);
                int[] pixels = edit.apply(canvas.pixels);
                png = PngEncoder.encode(pixels, size.width(), size.height(), transparent || hasTransparency(pixels));
            }
            images.add(new ProviderResult.GeneratedImage(png, PNG, size.width(), size.height(), null));
            context.progress(new ProviderContext.Progress((i + 1) * 100 / count, i + 1, count, null,
                    count == 1 ? "rendered" : "rendered image " + (i + 1) + " of " + count));
        }
        return new ProviderResult(images, requestId(request));
    }

    /** Checks what the generation service should already have checked; returns whether the background is transparent. */
    private static boolean validate(ProviderRequest request) throws ProviderException.NonRetriable {
        if (!MODEL_NAME.equals(request.modelName())) {
            throw ProviderException.NonRetriable.badRequest(
                    "provider '" + PROVIDER_ID + "' has no model '" + request.modelName() + "'; it serves " + MODEL_ID);
        }
        ImageSize size = request.size();
        if (size.width() > MAX_PIXEL_SIDE || size.height() > MAX_PIXEL_SIDE) {
            throw ProviderException.NonRetriable.badRequest(
                    MODEL_ID + " renders at most " + MAX_PIXEL_SIDE + " pixels a side, not " + size);
        }
        if (request.count() > MAX_COUNT) {
            throw ProviderException.NonRetriable.badRequest(
                    MODEL_ID + " renders at most " + MAX_COUNT + " images a request, not " + request.count());
        }
        if (request.prompt().length() > PROMPT_LIMIT) {
            throw ProviderException.NonRetriable.badRequest(
                    "prompt is " + request.prompt().length() + " characters; " + MODEL_ID + " takes " + PROMPT_LIMIT);
        }
        if (request.mask() != null && request.initImage() == null) {
            throw ProviderException.NonRetriable.badRequest("a mask needs an edit image");
        }
        if (request.referenceImages().size() > MAX_REFERENCES) {
            throw ProviderException.NonRetriable.badRequest(
                    MODEL_ID + " takes at most " + MAX_REFERENCES + " reference images, not " + request.referenceImages().size());
        }
        String background = request.background() == null ? "auto" : request.background().toLowerCase(Locale.ROOT);
        return switch (background) {
            case "transparent" -> true;
            case "opaque", "auto" -> false;
            default -> throw ProviderException.NonRetriable.badRequest(
                    "background must be transparent, opaque or auto, not '" + request.background() + "'");
        };
    }

    /**
     * The init image at the requested (larger) size. When it is image {@code sourceIndex} of this
     * prompt and seed as this provider drew it, the same picture is drawn again at the new size, which
     * for procedural art is a true upscale; any other image (an edit, a variation, an upload) is
     * resampled with the tent filter instead.
     */
    private ProviderResult upscale(ProviderRequest request, Scene scene, boolean transparent, ProviderContext context)
            throws ProviderException {
        SourceImages.Decoded source = SourceImages.decode(request.initImage(), "image to upscale");
        ImageSize size = request.size();
        simulateLatency(latency.toNanos(), 0, 0, 1, context);
        context.throwIfCancelled();
        long imageSeed = SeededRandom.mix(SeededRandom.mix(request.seed(), scene.promptHash()), request.upscale().sourceIndex());
        String caption = request.prompt().isBlank() ? MODEL_ID : MODEL_ID + ": " + request.prompt();
        Canvas original = PreviewRenderer.render(scene, source.width(), source.height(), imageSeed, transparent, caption);
        int[] originalPixels = transparent ? original.toStraightArgb() : original.pixels;
        int[] pixels;
        boolean alpha;
        if (meanDifference(originalPixels, source.argb()) <= SAME_RENDER_TOLERANCE) {
            Canvas canvas = PreviewRenderer.render(scene, size.width(), size.height(), imageSeed, transparent, caption);
            pixels = transparent ? canvas.toStraightArgb() : canvas.pixels;
            alpha = transparent;
        } else {
            pixels = SourceImages.resize(source.argb(), source.width(), source.height(), size.width(), size.height());
            alpha = hasTransparency(pixels);
        }
        byte[] png = PngEncoder.encode(pixels, size.width(), size.height(), alpha);
        context.progress(new ProviderContext.Progress(100, 1, 1, null, "upscaled"));
        return new ProviderResult(List.of(new ProviderResult.GeneratedImage(png, PNG, size.width(), size.height(), null)),
                requestId(request));
    }

    /** Mean absolute difference per channel of two same-sized straight ARGB images; infinite for different sizes. */
    private static double meanDifference(int[] a, int[] b) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        long total = 0;
        for (int i = 0; i < a.length; i++) {
            int x = a[i];
            int y = b[i];
            total += Math.abs((x >>> 24) - (y >>> 24)) + Math.abs(((x >> 16) & 0xFF) - ((y >> 16) & 0xFF))
                    + Math.abs(((x >> 8) & 0xFF) - ((y >> 8) & 0xFF)) + Math.abs((x & 0xFF) - (y & 0xFF));
        }
        return (double) total / (4.0 * a.length);
    }

    /**
     * Waits {@code nanos} (image {@code image}'s share of the latency) in short slices, reporting
     * progress and checking for cancellation each slice.
     *
     * @param laterNanos latency still to come after this share, for the ETA
     */
    private static void simulateLatency(long nanos, long laterNanos, int image, int count, ProviderContext context)
            throws ProviderException.Canceled {
        if (nanos <= 0) {
            return;
        }
        long start = System.nanoTime();
        long deadline = start + nanos;
        try {
            while (true) {
                context.throwIfCancelled();
                long now = System.nanoTime();
                long left = deadline - now;
                if (left <= 0) {
                    return;
                }
                double done = (image + (double) (now - start) / nanos) / count;
                context.progress(new ProviderContext.Progress((int) Math.min(99, done * 100), image + 1, count,
                        Duration.ofNanos(left + laterNanos), "rendering"));
                Thread.sleep(Duration.ofNanos(Math.min(left, WAIT_SLICE_MILLIS * 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException.Canceled();
        }
    }

    private static boolean hasTransparency(int[] argb) {
        for (int pixel : argb) {
            if ((pixel >>> 24) != 0xFF) {
                return true;
            }
        }
        return false;
    }

    /** A stable id for the inputs, so identical requests are recognisable in logs and support tickets. */
    private static String requestId(ProviderRequest request) {
        StringBuilder key = new StringBuilder()
                .append(request.prompt()).append('\u0000')
                .append(request.negativePrompt()).append('\u0000')
                .append(request.size()).append('\u0000')
                .append(request.count()).append('\u0000')
                .append(request.seed()).append('\u0000')
                .append(request.background()).append('\u0000')
                .append(checksum(request.initImage())).append('\u0000')
                .append(checksum(request.mask())).append('\u0000')
                .append(request.strength()).append('\u0000')
                .append(request.upscale());
        for (ProviderRequest.SourceImage reference : request.referenceImages()) {
            key.append('\u0000').append(checksum(reference));
        }
        return PROVIDER_ID + "-" + HexFormat.of().toHexDigits(Scene.fnv1a(key.toString()));
    }

    private static long checksum(ProviderRequest.SourceImage image) {
        if (image == null) {
            return -1;
        }
        CRC32 crc = new CRC32();
        crc.update(image.bytes());
        return crc.getValue();
    }
}
