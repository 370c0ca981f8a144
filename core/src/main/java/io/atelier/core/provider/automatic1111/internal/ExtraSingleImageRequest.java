package io.atelier.core.provider.automatic1111.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /sdapi/v1/extra-single-image} (the extras tab's upscale): the image as base64,
 * {@code resize_mode} 0 (scale by {@code upscaling_resize}) and the upscaler's name ({@code upscaler_1}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExtraSingleImageRequest(
        String image,
        @JsonProperty("resize_mode") Integer resizeMode,
        @JsonProperty("upscaling_resize") Integer upscalingResize,
        @JsonProperty("upscaler_1") String upscaler1) {
}
