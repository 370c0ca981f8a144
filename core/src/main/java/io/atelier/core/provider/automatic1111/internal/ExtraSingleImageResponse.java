package io.atelier.core.provider.automatic1111.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer of {@code POST /sdapi/v1/extra-single-image}: {@code {html_info, image}}, the image as base64 PNG. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExtraSingleImageResponse(@JsonProperty("html_info") String htmlInfo, String image) {
}
