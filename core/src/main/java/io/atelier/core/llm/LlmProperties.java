package io.atelier.core.llm;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * The chat model (LLM) used for prompt enhancement and by the assistant, under {@code atelier.llm}.
 * On when {@code base-url} or {@code api-key} has text ({@link LlmCondition}); off otherwise, and
 * then nothing in Atelier calls an LLM.
 *
 * @param provider    {@code openai} (default: any OpenAI-compatible chat completions API — OpenAI,
 *                    Apertis, LocalAI, vLLM, LM Studio …) or {@code ollama} (Ollama's
 *                    OpenAI-compatible endpoint; {@code /v1} is added to a bare Ollama URL)
 * @param baseUrl     API root; default {@code https://api.openai.com/v1}, or {@code http://localhost:11434/v1} for ollama
 * @param apiKey      bearer key; never printed. Ollama and local servers need none
 * @param model       chat model name; default {@code gpt-4o-mini}, or {@code llama3.2} for ollama
 * @param timeout     HTTP timeout of one call, default 30s (enhancement has its own, shorter
 *                    deadline: {@code atelier.prompt.enhancement.timeout})
 * @param temperature sampling temperature, default 0.7
 */
@ConfigurationProperties("atelier.llm")
public record LlmProperties(
        String provider,
        String baseUrl,
        String apiKey,
        String model,
        Duration timeout,
        Double temperature) {

    public static final String OPENAI = "openai";
    public static final String OLLAMA = "ollama";

    public LlmProperties {
        provider = StringUtils.hasText(provider) ? provider.strip().toLowerCase(Locale.ROOT) : OPENAI;
        if (!provider.equals(OPENAI) && !provider.equals(OLLAMA)) {
            throw new IllegalArgumentException("atelier.llm.provider must be openai or ollama: " + provider);
        }
        baseUrl = normalizeBaseUrl(provider, baseUrl);
        apiKey = StringUtils.hasText(apiKey) ? apiKey.strip() : null;
        model = StringUtils.hasText(model) ? model.strip() : provider.equals(OLLAMA) ? "llama3.2" : "gpt-4o-mini";
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("atelier.llm.timeout must be positive: " + timeout);
        }
        temperature = temperature == null ? 0.7 : temperature;
        if (temperature < 0 || temperature > 2) {
            throw new IllegalArgumentException("atelier.llm.temperature must be between 0 and 2: " + temperature);
        }
    }

    private static String normalizeBaseUrl(String provider, String baseUrl) {
        String url = StringUtils.hasText(baseUrl) ? baseUrl.strip()
                : provider.equals(OLLAMA) ? "http://localhost:11434/v1" : "https://api.openai.com/v1";
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("atelier.llm.base-url is not a valid URL");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("atelier.llm.base-url must be an http(s) URL with a host and no credentials or query");
        }
        if (provider.equals(OLLAMA) && (uri.getPath() == null || uri.getPath().isEmpty())) {
            url = url + "/v1";
        }
        return url;
    }

    /** Never prints the API key. */
    @Override
    public String toString() {
        return "LlmProperties[provider=" + provider + ", baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "(none)" : "****")
                + ", model=" + model + ", timeout=" + timeout + ", temperature=" + temperature + "]";
    }
}
