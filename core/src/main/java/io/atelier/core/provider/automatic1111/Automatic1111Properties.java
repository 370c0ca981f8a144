package io.atelier.core.provider.automatic1111;

import io.atelier.core.provider.http.ConditionalOnProviderSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

import io.atelier.core.provider.http.ConnectionProperties;
import io.atelier.core.provider.http.ProviderConnection;
import io.atelier.core.provider.http.ProviderSettings;

/**
 * The AUTOMATIC1111 / stable-diffusion.cpp provider, under {@code atelier.providers.automatic1111}. On
 * when {@code base-url} has text ({@link ConditionalOnProviderSettings}); invalid values fail the start.
 *
 * @param baseUrl           the web UI's root, e.g. {@code http://127.0.0.1:7860} (A1111 started with
 *                          {@code --api}) or stable-diffusion.cpp's {@code sd-server}
 * @param apiKey            A1111's {@code --api-auth user:password} (sent as HTTP Basic when it holds a
 *                          colon), otherwise sent as {@code Authorization: Bearer} (for a proxy); never printed
 * @param models            checkpoint names, exposed as {@code automatic1111/<name>} and sent as
 *                          {@code override_settings.sd_model_checkpoint}; default {@code [default]}, which
 *                          sends no override and uses whatever checkpoint the server has loaded
 * @param sampler           {@code sampler_name}, default {@code Euler a}
 * @param scheduler         {@code scheduler} (A1111 1.9+), unset by default
 * @param steps             sampling steps, default 20
 * @param cfgScale          {@code cfg_scale}, default 7
 * @param denoisingStrength img2img {@code denoising_strength}, default 0.75
 * @param maxCount          images per request ({@code batch_size}), default 4
 * @param maxPixelSide      largest width or height accepted, default 2048
 * @param promptLimit       longest prompt in characters, default 4000
 * @param creditCost        credits per image, default 1
 * @param connectTimeout    longest wait for a connection, default 5s
 * @param readTimeout       longest wait for one answer (a whole generation), default 10m
 * @param progressInterval  how often {@code /sdapi/v1/progress} is polled during a generation, default 1s
 * @param maxResponseSize   largest answer read, default 256MB
 * @param upscaler          the extras tab's upscaler for upscales ({@code upscaler_1}), default {@code R-ESRGAN 4x+}
 * @param livePreviews      ask the progress polls for {@code current_image} (a live preview), default true
 */
@ConfigurationProperties("atelier.providers.automatic1111")
public record Automatic1111Properties(
        String baseUrl,
        String apiKey,
        List<String> models,
        String sampler,
        String scheduler,
        Integer steps,
        Double cfgScale,
        Double denoisingStrength,
        Integer maxCount,
        Integer maxPixelSide,
        Integer promptLimit,
        Integer creditCost,
        Duration connectTimeout,
        Duration readTimeout,
        Duration progressInterval,
        DataSize maxResponseSize,
        String upscaler,
        Boolean livePreviews) implements ConnectionProperties {

    static final String PREFIX = "atelier.providers.automatic1111";
    /** The model name that sends no checkpoint override. */
    public static final String DEFAULT_MODEL = "default";

    private static final ProviderConnection.Defaults CONNECTION =
            ProviderConnection.Defaults.selfHosted("http://127.0.0.1:7860", Duration.ofMinutes(10), DataSize.ofMegabytes(256));

    public Automatic1111Properties {
        // Unset means off (the record is bound even then, by the application's properties scan).
        ProviderConnection connection = ProviderConnection.of(PREFIX, CONNECTION, baseUrl, apiKey, connectTimeout,
                readTimeout, maxResponseSize);
        baseUrl = connection.baseUrl();
        apiKey = connection.apiKey();
        connectTimeout = connection.connectTimeout();
        readTimeout = connection.readTimeout();
        maxResponseSize = connection.maxResponseSize();
        models = ProviderSettings.names(models, List.of(DEFAULT_MODEL));
        for (String model : models) {
            if (model.contains("/")) {
                throw new IllegalArgumentException(PREFIX + ".models must not contain '/': " + model);
            }
        }
        sampler = Objects.requireNonNullElse(ProviderSettings.text(sampler), "Euler a");
        scheduler = StringUtils.hasText(scheduler) ? scheduler.trim() : null;
        steps = ProviderSettings.range(PREFIX, "steps", steps, 20, 1, 500);
        cfgScale = cfgScale == null ? 7.0 : cfgScale;
        if (cfgScale < 0 || cfgScale > 50) {
            throw new IllegalArgumentException(PREFIX + ".cfg-scale must be 0-50: " + cfgScale);
        }
        denoisingStrength = denoisingStrength == null ? 0.75 : denoisingStrength;
        if (denoisingStrength < 0 || denoisingStrength > 1) {
            throw new IllegalArgumentException(PREFIX + ".denoising-strength must be 0-1: " + denoisingStrength);
        }
        maxCount = ProviderSettings.range(PREFIX, "max-count", maxCount, 4, 1, 100);
        maxPixelSide = ProviderSettings.range(PREFIX, "max-pixel-side", maxPixelSide, 2048, 64, 16384);
        promptLimit = ProviderSettings.range(PREFIX, "prompt-limit", promptLimit, 4000, 1, 1_000_000);
        creditCost = ProviderSettings.range(PREFIX, "credit-cost", creditCost, 1, 0, 1_000_000);
        progressInterval = ProviderSettings.positive(PREFIX, "progress-interval", progressInterval, Duration.ofSeconds(1));
        upscaler = StringUtils.hasText(upscaler) ? upscaler.trim() : "R-ESRGAN 4x+";
        livePreviews = livePreviews == null || livePreviews;
    }

    /** Never prints the API key. */
    @Override
    public String toString() {
        return ProviderSettings.withoutSecrets(this);
    }
}
