package io.atelier.core.provider.automatic1111.internal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The answer of {@code txt2img}/{@code img2img}: {@code {images: [base64 PNG…], parameters: {…},
 * info: "<JSON text>"}}. {@code info} is a JSON document encoded as a string (it holds the seeds used).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImagesResponse(List<String> images, String info) {

    public ImagesResponse {
        images = images == null ? List.of() : images;
    }
}
