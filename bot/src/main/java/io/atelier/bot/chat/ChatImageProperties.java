package io.atelier.bot.chat;

import io.atelier.core.image.UploadedImages;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Images in chat ({@code atelier.chat.images.*}): what an attachment may be, and how far variations go.
 *
 * @param maxBytes       largest attachment fetched (Discord allows 25 MB on free servers), default 20MB
 * @param maxPixels      largest attachment in pixels (from its header, before decoding), default 25 megapixels
 * @param subtleStrength Vary (Subtle): how far from the image, 0–1, default 0.35
 * @param strongStrength Vary (Strong), V1–V4: how far from the image, 0–1, default 0.7
 */
@ConfigurationProperties("atelier.chat.images")
public record ChatImageProperties(DataSize maxBytes, Long maxPixels, Double subtleStrength, Double strongStrength) {

    public ChatImageProperties {
        maxBytes = maxBytes == null ? DataSize.ofMegabytes(20) : maxBytes;
        maxPixels = maxPixels == null ? UploadedImages.DEFAULT_MAX_PIXELS : maxPixels;
        subtleStrength = subtleStrength == null ? 0.35 : subtleStrength;
        strongStrength = strongStrength == null ? 0.7 : strongStrength;
        if (maxBytes.toBytes() < 1 || maxPixels < 1) {
            throw new IllegalArgumentException("atelier.chat.images.max-bytes and max-pixels must be positive");
        }
        for (double s : new double[] {subtleStrength, strongStrength}) {
            if (!(s >= 0 && s <= 1)) {
                throw new IllegalArgumentException("atelier.chat.images strengths must be 0-1: " + s);
            }
        }
    }

    public static ChatImageProperties defaults() {
        return new ChatImageProperties(null, null, null, null);
    }
}
