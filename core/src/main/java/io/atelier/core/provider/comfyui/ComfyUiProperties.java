package io.atelier.core.provider.comfyui;

import io.atelier.core.provider.http.ConditionalOnProviderSettings;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

import io.atelier.core.provider.http.ConnectionProperties;
import io.atelier.core.provider.http.ProviderConnection;
import io.atelier.core.provider.http.ProviderSettings;

/**
 * The ComfyUI provider, under {@code atelier.providers.comfyui}. On when {@code base-url} has text
 * ({@link ConditionalOnProviderSettings}); invalid values (a missing workflow, a node mapping that names no node)
 * fail the start.
 *
 * @param baseUrl          ComfyUI's root, e.g. {@code http://127.0.0.1:8188}
 * @param apiKey           sent as {@code Authorization: Bearer} (for an authenticating proxy); never printed
 * @param workflow         the workflow in API format ("Save (API Format)"): {@code classpath:…} or a file path;
 *                         default {@code classpath:comfyui/txt2img-workflow.json} (an SD 1.5 text-to-image graph)
 * @param nodes            which nodes of {@code workflow} receive the request's values (ids or {@code _meta.title}s)
 * @param editWorkflow     an img2img workflow in API format for requests with an image to edit (a reference
 *                         image); unset = the models take no images. The project ships
 *                         {@code classpath:comfyui/img2img-workflow.json}
 * @param editNodes        the node mapping of {@code edit-workflow} (defaults match the shipped one)
 * @param denoisingStrength img2img {@code denoise} of the sampler, default 0.75 (option {@code denoisingStrength} overrides)
 * @param models           checkpoint names, exposed as {@code comfyui/<name>} and written to the checkpoint
 *                         node's {@code ckpt_name}; default {@code [default]}, which keeps the workflow's checkpoint
 * @param maxCount         images per request (the latent's {@code batch_size}), default 4
 * @param maxPixelSide     largest width or height accepted, default 2048
 * @param promptLimit      longest prompt in characters, default 4000
 * @param creditCost       credits per image, default 1
 * @param connectTimeout   longest wait for a connection, default 5s
 * @param readTimeout      longest wait for one HTTP answer (not the whole generation), default 60s
 * @param pollInterval     how often {@code /history/{prompt_id}} is checked besides the websocket, default 1s
 * @param maxResponseSize  largest answer read, default 256MB
 */
@ConfigurationProperties("atelier.providers.comfyui")
public record ComfyUiProperties(
        String baseUrl,
        String apiKey,
        String workflow,
        Nodes nodes,
        String editWorkflow,
        Nodes editNodes,
        Double denoisingStrength,
        List<String> models,
        Integer maxCount,
        Integer maxPixelSide,
        Integer promptLimit,
        Integer creditCost,
        Duration connectTimeout,
        Duration readTimeout,
        Duration pollInterval,
        DataSize maxResponseSize) implements ConnectionProperties {

    static final String PREFIX = "atelier.providers.comfyui";
    public static final String DEFAULT_WORKFLOW = "classpath:comfyui/txt2img-workflow.json";
    public static final String DEFAULT_MODEL = "default";

    /**
     * The nodes the request is written into, each by id ({@code "6"}) or title ({@code "Positive Prompt"}).
     * Unset roles take the defaults of the shipped workflows; a blank optional role means "no such node".
     *
     * @param prompt     {@code inputs.text} gets the prompt (txt2img and img2img default {@code 6})
     * @param negative   {@code inputs.text} gets the negative prompt, or "" (default {@code 7}); optional
     * @param sampler    {@code inputs.seed} or {@code inputs.noise_seed} gets the seed, {@code inputs.denoise}
     *                   the edit strength in img2img (default {@code 3})
     * @param latent     {@code inputs.width}, {@code height} (and {@code batch_size} when it has one) get the size
     *                   and count (txt2img default {@code 5}, an EmptyLatentImage; img2img {@code 12}, an ImageScale)
     * @param checkpoint {@code inputs.ckpt_name} gets the model name (default {@code 4}); optional
     * @param output     the node whose images are the result (txt2img default: every node's; img2img {@code 9})
     * @param image      img2img only: the LoadImage node whose {@code inputs.image} gets the uploaded image (default {@code 1})
     * @param batch      img2img only: {@code inputs.amount} gets the count (default {@code 11}, a RepeatLatentBatch); optional
     */
    public record Nodes(String prompt, String negative, String sampler, String latent, String checkpoint, String output,
                        String image, String batch) {

        static final Nodes TXT2IMG = new Nodes("6", "7", "3", "5", "4", "", "", "");
        static final Nodes IMG2IMG = new Nodes("6", "7", "3", "12", "4", "9", "1", "11");

        /** Unset roles from {@code defaults}; set ones trimmed (blank stays blank: none). */
        Nodes withDefaults(Nodes defaults) {
            return new Nodes(pick(prompt, defaults.prompt), pick(negative, defaults.negative), pick(sampler, defaults.sampler),
                    pick(latent, defaults.latent), pick(checkpoint, defaults.checkpoint), pick(output, defaults.output),
                    pick(image, defaults.image), pick(batch, defaults.batch));
        }

        private static String pick(String value, String fallback) {
            return value == null ? fallback : value.trim();
        }
    }

    private static final ProviderConnection.Defaults CONNECTION =
            ProviderConnection.Defaults.selfHosted("http://127.0.0.1:8188", Duration.ofSeconds(60), DataSize.ofMegabytes(256));

    public ComfyUiProperties {
        ProviderConnection connection = ProviderConnection.of(PREFIX, CONNECTION, baseUrl, apiKey, connectTimeout,
                readTimeout, maxResponseSize);
        baseUrl = connection.baseUrl();
        apiKey = connection.apiKey();
        connectTimeout = connection.connectTimeout();
        readTimeout = connection.readTimeout();
        maxResponseSize = connection.maxResponseSize();
        workflow = StringUtils.hasText(workflow) ? workflow.trim() : DEFAULT_WORKFLOW;
        nodes = (nodes == null ? Nodes.TXT2IMG : nodes.withDefaults(Nodes.TXT2IMG));
        editWorkflow = StringUtils.hasText(editWorkflow) ? editWorkflow.trim() : null;
        editNodes = (editNodes == null ? Nodes.IMG2IMG : editNodes.withDefaults(Nodes.IMG2IMG));
        denoisingStrength = denoisingStrength == null ? 0.75 : denoisingStrength;
        if (denoisingStrength < 0 || denoisingStrength > 1) {
            throw new IllegalArgumentException(PREFIX + ".denoising-strength must be 0-1: " + denoisingStrength);
        }
        models = ProviderSettings.names(models, List.of(DEFAULT_MODEL));
        for (String model : models) {
            if (model.contains("/")) {
                throw new IllegalArgumentException(PREFIX + ".models must not contain '/': " + model);
            }
        }
        maxCount = ProviderSettings.range(PREFIX, "max-count", maxCount, 4, 1, 64);
        maxPixelSide = ProviderSettings.range(PREFIX, "max-pixel-side", maxPixelSide, 2048, 64, 16384);
        promptLimit = ProviderSettings.range(PREFIX, "prompt-limit", promptLimit, 4000, 1, 1_000_000);
        creditCost = ProviderSettings.range(PREFIX, "credit-cost", creditCost, 1, 0, 1_000_000);
        pollInterval = ProviderSettings.positive(PREFIX, "poll-interval", pollInterval, Duration.ofSeconds(1));
    }

    /** Never prints the API key. */
    @Override
    public String toString() {
        return ProviderSettings.withoutSecrets(this);
    }
}
