package io.atelier.core.provider.automatic1111.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code GET /sdapi/v1/progress}: {@code {progress: 0..1, eta_relative: seconds,
 * state: {job, job_count, job_no, sampling_step, sampling_steps, interrupted, skipped}, current_image,
 * textinfo}}; {@code current_image} (base64 PNG of the latent decoded so far) is null when the poll
 * asked {@code skip_current_image=true} or the server has none yet.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProgressResponse(
        Double progress,
        @JsonProperty("eta_relative") Double etaRelative,
        State state,
        @JsonProperty("current_image") String currentImage,
        String textinfo) {

    /** The server's shared job state. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record State(
            String job,
            @JsonProperty("job_count") Integer jobCount,
            @JsonProperty("job_no") Integer jobNo,
            @JsonProperty("sampling_step") Integer samplingStep,
            @JsonProperty("sampling_steps") Integer samplingSteps,
            Boolean interrupted) {
    }
}
