package io.atelier.core.provider.http;

import java.util.Base64;

import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ModelCapabilities;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderResult;

/**
 * Error codes and checks the hosted providers share, beside the factories of {@link ProviderException}.
 * The codes match the {@code openai} provider's, so every dialect maps them the same way.
 */
public final class HostedErrors {

    /** The backend does not know the model (HTTP 404), or the provider does not serve it. */
    public static final String MODEL_NOT_FOUND = "PROVIDER_MODEL_NOT_FOUND";
    /** The backend answered something we cannot use (not its documented JSON, not an image …). */
    public static final String BAD_RESPONSE = "PROVIDER_BAD_RESPONSE";
    /** The backend reported that the generation itself failed (Replicate's {@code status: failed}). */
    public static final String GENERATION_FAILED = "PROVIDER_GENERATION_FAILED";

    private HostedErrors() {
    }

    public static ProviderException.NonRetriable badResponse(String message) {
        return new ProviderException.NonRetriable(BAD_RESPONSE, message, null);
    }

    public static ProviderException.NonRetriable modelNotServed(String provider, String modelName) {
        return new ProviderException.NonRetriable(MODEL_NOT_FOUND,
                "model " + modelName + " is not served by the " + provider + " provider", null);
    }

    /**
     * Checks what the port's caller should already have checked against the catalog (prompt length,
     * count, size, edits, masks, transparency), so no call is paid for in vain. A negative prompt the
     * model does not take is not an error: the generation service accepts it with a warning that it
     * is ignored, and providers simply do not send it.
     */
    public static void validate(ProviderRequest request, ModelDescriptor model) throws ProviderException {
        ModelCapabilities capabilities = model.capabilities();
        String name = model.id();
        if (request.prompt().length() > model.promptLimit()) {
            throw badRequest(name + " takes prompts of at most " + model.promptLimit() + " characters");
        }
        if (request.count() > capabilities.maxCount()) {
            throw badRequest(name + " makes at most " + capabilities.maxCount() + " image(s) per request");
        }
        if (request.isUpscale()) {
            if (capabilities.upscaleFactor() == 0) {
                throw badRequest(name + " has no upscaler");
            }
        } else if (!capabilities.supports(request.size())) {
            throw badRequest(name + " cannot make " + request.size() + " images");
        }
        if (request.initImage() != null && !capabilities.edits() && !request.isUpscale()) {
            throw badRequest(name + " cannot start from an image (no edits or image-to-image)");
        }
        checkReferences(request, model);
        if (request.mask() != null && (request.initImage() == null || !capabilities.masks())) {
            throw badRequest(request.initImage() == null ? "a mask needs an image to edit" : name + " does not take masks");
        }
        if ("transparent".equalsIgnoreCase(request.background()) && !capabilities.transparentBackground()) {
            throw badRequest(name + " cannot make transparent backgrounds");
        }
    }

    /**
     * Refuses more reference images than the model takes. The generation service drops extra ones
     * with a warning before the call, so this only catches a caller that skipped it.
     */
    public static void checkReferences(ProviderRequest request, ModelDescriptor model) throws ProviderException {
        int max = model.capabilities().maxReferenceImages();
        int given = request.referenceImages().size();
        if (given > max) {
            throw badRequest(max == 0 ? model.id() + " takes no reference images"
                    : model.id() + " takes at most " + max + " reference images, not " + given);
        }
    }

    /**
     * An output image from its bytes: PNG, JPEG or WebP by their magic, the size from the header
     * (the requested size when the header cannot be read).
     */
    public static ProviderResult.GeneratedImage image(String backend, byte[] bytes, ImageSize requested, String revisedPrompt)
            throws ProviderException {
        ImageBytes.Info info = ImageBytes.inspect(bytes).orElseThrow(() ->
                badResponse(backend + " answered something that is not a PNG, JPEG or WebP image"));
        int width = info.hasSize() ? info.width() : requested.width();
        int height = info.hasSize() ? info.height() : requested.height();
        return new ProviderResult.GeneratedImage(bytes, info.mimeType(), width, height, revisedPrompt);
    }

    /** Decodes standard base64, tolerating a {@code data:} prefix and line breaks. */
    public static byte[] decodeBase64(String backend, String b64) throws ProviderException {
        String payload = b64;
        if (payload.startsWith("data:")) {
            payload = payload.substring(payload.indexOf(',') + 1);
        }
        try {
            return Base64.getDecoder().decode(payload.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new ProviderException.NonRetriable(BAD_RESPONSE, backend + " answered invalid base64 image data", e);
        }
    }

    private static ProviderException.NonRetriable badRequest(String message) {
        return ProviderException.NonRetriable.badRequest(message);
    }
}
