package io.atelier.core.provider.local;

import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;

/**
 * A request's image inputs, decoded once and brought to the output size, and how procedural
 * content is laid over them. Semantics follow OpenAI's image edits: where the mask is transparent
 * (alpha below 128) the picture is repainted; where it is opaque the source stays bit-identical.
 * Without a mask the whole picture gets a procedural overlay whose share is the request's
 * {@code strength} (image-to-image: 0 keeps the source, 1 replaces it), or {@link #OVERLAY_WEIGHT}.
 *
 * <p>Reference images are composed: side by side in equal vertical bands (each cropped to its band's
 * shape, not stretched) when there is no init image, which is what {@code /blend} shows; laid faintly
 * over the init image ({@link #REFERENCE_WEIGHT}) when there is one. Immutable after {@link #prepare};
 * thread-safe.
 */
final class PreviewEdit {

    /** Share (of 255) of procedural content in masked areas: mostly new, a trace of the source shows through. */
    static final int MASKED_WEIGHT = 217;
    /** Share (of 255) of the overlay when there is no mask: the source stays recognisable. */
    static final int OVERLAY_WEIGHT = 102;
    static final int MASK_ALPHA_THRESHOLD = 128;
    /** Share (of 255) of the references' composition laid over an init image. */
    static final int REFERENCE_WEIGHT = 64;

    /** Straight ARGB source pixels at the output size. */
    private final int[] source;
    /** Per pixel: may be repainted; null when there is no mask (everything is overlaid). */
    private final boolean[] editable;
    /** Share (of 255) of procedural content where there is no mask. */
    private final int overlayWeight;

    private PreviewEdit(int[] source, boolean[] editable, int overlayWeight) {
        this.source = source;
        this.editable = editable;
        this.overlayWeight = overlayWeight;
    }

    /**
     * Decodes and resizes the request's edit image and mask.
     *
     * @throws ProviderException.NonRetriable {@code UNSUPPORTED_IMAGE} for unreadable images, a bad
     *                                        request for a mask without an alpha channel
     */
    static PreviewEdit prepare(ProviderRequest request) throws ProviderException.NonRetriable {
        ImageSize size = request.size();
        int[] references = request.referenceImages().isEmpty() ? null : compose(request, size);
        int[] source;
        if (request.initImage() != null) {
            SourceImages.Decoded image = SourceImages.decode(request.initImage(), "init image");
            source = SourceImages.resize(image.argb(), image.width(), image.height(), size.width(), size.height());
            if (references != null) {
                int[] mixed = new int[source.length];
                for (int i = 0; i < mixed.length; i++) {
                    mixed[i] = Colors.unpremultiply(Colors.mixPremultiplied(Colors.premultiply(source[i]),
                            Colors.premultiply(references[i]), REFERENCE_WEIGHT));
                }
                source = mixed;
            }
        } else {
            source = references;
        }
        boolean[] editable = null;
        if (request.mask() != null) {
            SourceImages.Decoded mask = SourceImages.decode(request.mask(), "mask");
            if (!mask.hasAlpha()) {
                throw ProviderException.NonRetriable.badRequest(
                        "mask has no alpha channel: send a PNG whose transparent pixels mark the area to edit");
            }
            int[] maskPixels = SourceImages.resizeNearest(mask.argb(), mask.width(), mask.height(),
                    size.width(), size.height());
            editable = new boolean[maskPixels.length];
            for (int i = 0; i < maskPixels.length; i++) {
                editable[i] = (maskPixels[i] >>> 24) < MASK_ALPHA_THRESHOLD;
            }
        }
        int weight = request.strength() == null ? OVERLAY_WEIGHT : (int) Math.round(request.strength() * 255);
        return new PreviewEdit(source, editable, weight);
    }

    /** The reference images side by side in equal vertical bands, each cropped to its band's shape. */
    private static int[] compose(ProviderRequest request, ImageSize size) throws ProviderException.NonRetriable {
        int n = request.referenceImages().size();
        int[] out = new int[size.width() * size.height()];
        for (int i = 0; i < n; i++) {
            int from = size.width() * i / n;
            int to = size.width() * (i + 1) / n;
            int bandWidth = Math.max(1, to - from);
            SourceImages.Decoded image = SourceImages.decode(request.referenceImages().get(i),
                    "reference image " + (i + 1));
            int[] band = SourceImages.cover(image, bandWidth, size.height());
            for (int y = 0; y < size.height(); y++) {
                System.arraycopy(band, y * bandWidth, out, y * size.width() + from, Math.min(bandWidth, size.width() - from));
            }
        }
        return out;
    }

    /**
     * Lays procedural content over the source.
     *
     * @param procedural premultiplied ARGB at the output size
     * @return straight ARGB; pixels outside the mask are the source's, unchanged
     */
    int[] apply(int[] procedural) {
        int[] out = new int[source.length];
        for (int i = 0; i < out.length; i++) {
            int original = source[i];
            if (editable != null && !editable[i]) {
                out[i] = original;
                continue;
            }
            int weight = editable != null ? MASKED_WEIGHT : overlayWeight;
            out[i] = Colors.unpremultiply(Colors.mixPremultiplied(Colors.premultiply(original), procedural[i], weight));
        }
        return out;
    }
}
