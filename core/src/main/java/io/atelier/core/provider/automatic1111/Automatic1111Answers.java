package io.atelier.core.provider.automatic1111;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderResult;
import io.atelier.core.provider.automatic1111.internal.ProgressResponse;
import io.atelier.core.provider.http.ImageBytes;

/**
 * Reading AUTOMATIC1111's answers: a progress poll into progress and a live preview, and the images
 * of txt2img, img2img and extras answers. Stateless.
 */
final class Automatic1111Answers {

    private static final Logger log = LoggerFactory.getLogger(Automatic1111Answers.class);

    private Automatic1111Answers() {
    }

    static void report(ProgressResponse progress, ProviderContext context) {
        if (progress == null || progress.progress() == null) {
            return;
        }
        int percent = (int) Math.min(99, Math.round(progress.progress() * 100));
        int step = 0;
        int total = 0;
        if (progress.state() != null) {
            step = progress.state().samplingStep() == null ? 0 : progress.state().samplingStep();
            total = progress.state().samplingSteps() == null ? 0 : progress.state().samplingSteps();
        }
        Duration eta = progress.etaRelative() == null || progress.etaRelative() < 0 ? null
                : Duration.ofMillis(Math.round(progress.etaRelative() * 1000));
        String message = total > 0 ? "sampling step " + step + "/" + total : "generating";
        context.progress(new ProviderContext.Progress(percent, step, total, eta, message));
        preview(progress.currentImage(), context);
    }

    /** The poll's {@code current_image} as a live preview, when it is a readable image; anything else is skipped. */
    private static void preview(String currentImage, ProviderContext context) {
        if (currentImage == null || currentImage.isBlank()) {
            return;
        }
        try {
            byte[] bytes = decode(currentImage);
            ImageBytes.inspect(bytes).ifPresent(info -> context.preview(new ProviderContext.Preview(bytes, info.mimeType())));
        } catch (ProviderException e) {
            log.debug("AUTOMATIC1111 sent an unreadable current_image: {}", e.getMessage());
        }
    }

    /**
     * Up to {@code count} images: those of the requested size first (A1111 may prepend a grid and
     * extensions may append detection maps), then the rest in order.
     */
    static List<ProviderResult.GeneratedImage> pick(List<String> encoded, ProviderRequest request)
            throws ProviderException {
        List<ProviderResult.GeneratedImage> exact = new ArrayList<>();
        List<ProviderResult.GeneratedImage> others = new ArrayList<>();
        for (String b64 : encoded) {
            byte[] bytes = decode(b64);
            ImageBytes.Info info = ImageBytes.inspect(bytes).orElseThrow(() -> ProviderException.NonRetriable.badResponse(
                    "AUTOMATIC1111 answered something that is not a PNG, JPEG or WebP image", null));
            int width = info.hasSize() ? info.width() : request.size().width();
            int height = info.hasSize() ? info.height() : request.size().height();
            ProviderResult.GeneratedImage image = new ProviderResult.GeneratedImage(bytes, info.mimeType(), width, height, null);
            boolean sameSize = Math.abs(width - request.size().width()) < 8 && Math.abs(height - request.size().height()) < 8;
            (sameSize ? exact : others).add(image);
        }
        List<ProviderResult.GeneratedImage> chosen = new ArrayList<>(exact);
        chosen.addAll(others);
        if (chosen.isEmpty()) {
            throw ProviderException.NonRetriable.badResponse("AUTOMATIC1111 answered without images", null);
        }
        return chosen.subList(0, Math.min(request.count(), chosen.size()));
    }

    static byte[] decode(String b64) throws ProviderException {
        String payload = b64.startsWith("data:") ? b64.substring(b64.indexOf(',') + 1) : b64;
        try {
            return Base64.getDecoder().decode(payload.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw ProviderException.NonRetriable.badResponse("AUTOMATIC1111 answered invalid base64 image data", e);
        }
    }
}
