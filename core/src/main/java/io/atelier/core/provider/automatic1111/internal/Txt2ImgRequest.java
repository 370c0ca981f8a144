package io.atelier.core.provider.automatic1111.internal;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /sdapi/v1/txt2img} and, with the image fields set, {@code /sdapi/v1/img2img}
 * (AUTOMATIC1111's {@code StableDiffusionProcessingTxt2Img}/{@code Img2Img} models; stable-diffusion.cpp's
 * server reads the same names). Null fields are left out so the server applies its own defaults.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Txt2ImgRequest(
        String prompt,
        @JsonProperty("negative_prompt") String negativePrompt,
        Long seed,
        Integer width,
        Integer height,
        @JsonProperty("batch_size") Integer batchSize,
        @JsonProperty("n_iter") Integer nIter,
        Integer steps,
        @JsonProperty("cfg_scale") Double cfgScale,
        @JsonProperty("sampler_name") String samplerName,
        String scheduler,
        @JsonProperty("override_settings") Map<String, Object> overrideSettings,
        @JsonProperty("override_settings_restore_afterwards") Boolean overrideSettingsRestoreAfterwards,
        @JsonProperty("send_images") Boolean sendImages,
        @JsonProperty("save_images") Boolean saveImages,
        @JsonProperty("init_images") List<String> initImages,
        String mask,
        @JsonProperty("denoising_strength") Double denoisingStrength,
        @JsonProperty("mask_blur") Integer maskBlur,
        @JsonProperty("inpainting_fill") Integer inpaintingFill,
        @JsonProperty("inpaint_full_res") Boolean inpaintFullRes) {
}
