package io.atelier.core.provider.local;

import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;

/**
 * An edit request's inputs, decoded once and brought to the output size, and how procedural
 * content is laid over them. Semantics follow OpenAI's image edits: where the mask is transparent
 * (alpha below 128) the picture is repainted; where it is opaque the source stays bit-identical.
 * Without a mask the whole picture gets a procedural overlay. Immutable after {@link #prepare};
 * thread-safe.
 */
final class PreviewEdit {

    /** Share (of 255) of procedural content in masked areas: mostly new, a trace of the source shows through. */
    static final int MASKED_WEIGHT = 217;
    /** Share (of 255) of the overlay when there is no mask: the source stays recognisable. */
    static final int OVERLAY_WEIGHT = 102;
    static final int MASK_ALPHA_THRESHOLD = 128;

    /** Straight ARGB source pixels at the output size. */
    private final int[] source;
    /** Per pixel: may be repainted; null when there is no mask (everything is overlaid). */
    private final boolean[] editable;

    private PreviewEdit(int[] source, boolean[] editable) {
        this.source = source;
        this.editable = editable;
    }

    /**
     * Decodes and resizes the request's edit image and mask.
     *
     * @throws ProviderException.NonRetriable {@code UNSUPPORTED_IMAGE} for unreadable images, a bad
     *                                        request for a mask without an alpha channel
     */
    static PreviewEdit prepare(ProviderRequest request) throws ProviderException.NonRetriable {
        ImageSize size = request.size();
        SourceImages.Decoded image = SourceImages.decode(request.editImage(), "edit image");
        int[] source = SourceImages.resize(image.argb(), image.width(), image.height(), size.width(), size.height());
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
        return new PreviewEdit(source, editable);
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
            int weight = editable != null ? MASKED_WEIGHT : OVERLAY_WEIGHT;
            out[i] = Colors.unpremultiply(Colors.mixPremultiplied(Colors.premultiply(original), procedural[i], weight));
        }
        return out;
    }
}
