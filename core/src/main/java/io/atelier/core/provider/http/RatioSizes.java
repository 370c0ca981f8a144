package io.atelier.core.provider.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.atelier.core.provider.AspectRatio;
import io.atelier.core.provider.ImageSize;

/**
 * The catalog sizes of a backend that takes an {@code aspect_ratio} rather than pixels (Stability,
 * Replicate's FLUX): one nominal size per ratio, of that exact ratio and about {@code pixels} in area,
 * each mapping back to the ratio's wire label ({@code 21:9}, not the reduced {@code 7:3}). The backend
 * decides the real pixels; providers read them from the image.
 */
public final class RatioSizes {

    private final Map<ImageSize, String> labels;

    private RatioSizes(Map<ImageSize, String> labels) {
        this.labels = Collections.unmodifiableMap(labels);
    }

    /** Sizes of about {@code pixels} for each ratio label ({@code "16:9"}). */
    public static RatioSizes of(long pixels, List<String> ratios) {
        Map<ImageSize, String> labels = new LinkedHashMap<>();
        for (String label : ratios) {
            AspectRatio ratio = AspectRatio.parse(label).orElseThrow(() -> new IllegalArgumentException("bad ratio " + label));
            long unit = Math.max(1, Math.round(Math.sqrt((double) pixels / ((long) ratio.width() * ratio.height()))));
            labels.put(new ImageSize((int) (ratio.width() * unit), (int) (ratio.height() * unit)), label);
        }
        return new RatioSizes(labels);
    }

    public List<ImageSize> sizes() {
        return new ArrayList<>(labels.keySet());
    }

    /** The wire label of a catalog size; empty for any other size. */
    public Optional<String> label(ImageSize size) {
        return Optional.ofNullable(labels.get(size));
    }
}
