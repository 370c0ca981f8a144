package io.atelier.bot.chat;

import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorKind;
import io.atelier.core.fetch.FetchException;
import io.atelier.core.fetch.FetchLimits;
import io.atelier.core.fetch.FetchedResource;
import io.atelier.core.fetch.SafeHttpFetcher;
import io.atelier.core.image.UploadedImageException;
import io.atelier.core.image.UploadedImages;
import io.atelier.core.provider.ProviderRequest.SourceImage;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Brings images users attach in chat into the service, through the existing checks: the platform's
 * file URL fetched only by the {@link SafeHttpFetcher} (with the platform's credentials where it wants
 * them, sent to that host only), the type from the bytes' magic numbers, the pixel size from the
 * header before anything is decoded. What the platform declares refuses early (no download of a
 * file that says it is 80 MB or 9000×9000). The generation service re-encodes what passes.
 *
 * <p>Threading: blocks for the downloads (one after another, each within the fetcher's time limit);
 * call it off the platforms' event threads.
 */
@Component
class ChatUploads {

    private final SafeHttpFetcher fetcher;
    private final ChatImageProperties properties;

    ChatUploads(SafeHttpFetcher fetcher, ChatImageProperties properties) {
        this.fetcher = fetcher;
        this.properties = properties;
    }

    /**
     * The images, checked and in order.
     *
     * @param role what they are for, in messages ("image", "reference image 2")
     * @throws ChatUploadException naming the file and what is wrong with it
     */
    public SourceImage fetch(ChatImageRef ref, String role) {
        String what = role + " " + ref.name();
        if (ref.declaredType() != null && !ref.declaredType().toLowerCase(Locale.ROOT).startsWith("image/")) {
            throw new ChatUploadException("UNSUPPORTED_IMAGE_FORMAT", what + " is not an image (" + ref.declaredType()
                    + "): attach a PNG, JPEG, WebP or GIF");
        }
        long maxBytes = properties.maxBytes().toBytes();
        if (ref.declaredBytes() > maxBytes) {
            throw new ChatUploadException("IMAGE_TOO_LARGE", what + " is " + megabytes(ref.declaredBytes())
                    + "; at most " + megabytes(maxBytes) + " is accepted");
        }
        if ((long) ref.width() * ref.height() > properties.maxPixels()) {
            throw tooManyPixels(what, ref.width(), ref.height());
        }
        URI uri;
        try {
            uri = URI.create(ref.url());
        } catch (IllegalArgumentException e) {
            throw new ChatUploadException("FETCH_FAILED", what + " has no usable URL");
        }
        FetchedResource resource;
        try {
            resource = fetcher.fetch(uri, FetchLimits.images(maxBytes), ref.headers());
        } catch (FetchException e) {
            throw switch (e.code()) {
                case UNSUPPORTED_MEDIA_TYPE -> new ChatUploadException("UNSUPPORTED_IMAGE_FORMAT",
                        what + " is not an image: attach a PNG, JPEG, WebP or GIF");
                case FETCH_TOO_LARGE -> new ChatUploadException("IMAGE_TOO_LARGE", what + " is larger than "
                        + megabytes(maxBytes));
                default -> new ChatUploadException(e.code().name(), what + " could not be downloaded: " + e.getMessage());
            };
        }
        byte[] bytes = resource.bytes();
        UploadedImages.Header header;
        try {
            header = UploadedImages.checkHeader(bytes, properties.maxPixels());
        } catch (UploadedImageException e) {
            if (e.reason() == UploadedImageException.Reason.TOO_MANY_PIXELS) {
                throw new ChatUploadException(e.code(), what + ": " + e.getMessage());
            }
            throw new ChatUploadException(e.code(), what + " is not a PNG, JPEG, WebP or GIF image"
                    + (e.reason() == UploadedImageException.Reason.INVALID ? " (" + e.getMessage() + ")" : ""));
        }
        return new SourceImage(bytes, header.format().mimeType());
    }

    /** Several images; the first failure ends it. */
    public List<SourceImage> fetchAll(List<ChatImageRef> refs, String role) {
        List<SourceImage> images = new ArrayList<>(refs.size());
        for (int i = 0; i < refs.size(); i++) {
            images.add(fetch(refs.get(i), refs.size() == 1 ? role : role + " " + (i + 1)));
        }
        return images;
    }

    private ChatUploadException tooManyPixels(String what, int width, int height) {
        return new ChatUploadException("IMAGE_TOO_LARGE", what + " is " + width + "x" + height + " pixels; at most "
                + properties.maxPixels() + " pixels are accepted");
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    /** An attachment that cannot be used; the message names the file and the problem. */
    public static final class ChatUploadException extends AtelierException {

        public ChatUploadException(String code, String message) {
            super(ErrorKind.INVALID, code, null, message);
        }
    }
}
