package io.atelier.core.api.cuppa;

import io.atelier.core.routing.ModelRouter;
import io.atelier.core.routing.ModelsProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.core.api.JsonBody;
import io.atelier.core.generation.GenerationRequest;
import io.atelier.core.generation.GenerationSource;
import io.atelier.core.provider.AspectRatio;
import io.atelier.core.provider.ImageProvider;
import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ModelCapabilities;
import io.atelier.core.provider.ModelCatalog;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderResult;
import io.atelier.core.provider.Resolution;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Model names and the document's settings rules over a catalog with an OpenAI, a Replicate-like and the local model. */
class CuppaModelsTest {

    private static final ModelCapabilities GPT = new ModelCapabilities(
            List.of(new ImageSize(1024, 1024), new ImageSize(1536, 1024), new ImageSize(1024, 1536)),
            false, 1536, 10, true, true, false, false, true);
    private static final ModelCapabilities DALLE3 = new ModelCapabilities(
            List.of(new ImageSize(1024, 1024), new ImageSize(1792, 1024)), false, 1792, 1, false, false, false, false, false);
    private static final ModelCapabilities ANY = new ModelCapabilities(List.of(), true, 2048, 4, false, false, true, true, false);
    private static final ModelCapabilities FIXED = new ModelCapabilities(List.of(new ImageSize(1024, 1024)), false, 1024, 1,
            false, false, false, false, false);

    private static ImageProvider provider(String id, ModelDescriptor... models) {
        return new ImageProvider() {
            public String id() {
                return id;
            }

            public List<ModelDescriptor> models() {
                return List.of(models);
            }

            public ProviderResult generate(ProviderRequest request, ProviderContext context) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static ModelDescriptor model(String provider, String name, ModelCapabilities caps) {
        return new ModelDescriptor(provider + "/" + name, provider, name, name, "", caps, 4000, 1);
    }

    private static final ModelDescriptor GPT_IMAGE = model("openai", "gpt-image-1", GPT);
    private static final ModelDescriptor DALL_E_3 = model("openai", "dall-e-3", DALLE3);
    private static final ModelDescriptor NANO = model("replicate", "nano-banana-pro", ANY);
    private static final ModelDescriptor FLUX = model("replicate", "flux", FIXED);
    private static final ModelDescriptor LOCAL = model("local", "preview", new ModelCapabilities(List.of(), true, 4096, 10,
            true, true, true, true, true));

    private final CuppaModels models = models(new ModelCatalog(List.of(
            provider("local", LOCAL), provider("replicate", NANO, FLUX), provider("openai", GPT_IMAGE, DALL_E_3)), ""));

    private static CuppaModels models(ModelCatalog catalog) {
        return new CuppaModels(catalog, new ModelRouter(catalog, new ModelsProperties(true, java.util.Map.of())));
    }

    @Test
    void resolvesIdsCuppaSpellingsAndBareNames() {
        assertThat(models.resolve("openai/gpt-image-1")).contains(GPT_IMAGE);
        assertThat(models.resolve("gpt-image-1")).contains(GPT_IMAGE);
        assertThat(models.resolve("replicate:nano-banana-pro")).contains(NANO);
        assertThat(models.resolve("preview")).contains(LOCAL);
        assertThat(models.resolve("gpt-image-7")).isEmpty();
        assertThat(models.resolve("gpt-image-2")).as("a seed name no provider serves").contains(LOCAL);
        assertThat(models.resolve("openai/preview")).isEmpty();
        assertThat(models.aliases(GPT_IMAGE)).containsExactly("openai:gpt-image-1", "gpt-image-1");
        assertThatThrownBy(() -> models.require("model", "dall-e-9")).isInstanceOf(CuppaApiException.class)
                .hasMessageContaining("unknown model 'dall-e-9'");
        assertThat(models.bulkModel(null)).isEqualTo(GPT_IMAGE);
    }

    @Test
    void bulkDefaultFallsBackToTheCatalogDefaultWithoutAnOpenAiProvider() {
        CuppaModels localOnly = models(new ModelCatalog(List.of(provider("local", LOCAL)), ""));
        assertThat(localOnly.bulkModel(null)).isEqualTo(LOCAL);
        assertThat(localOnly.bulkModel("gpt-image-1")).as("routed to the preview").isEqualTo(LOCAL);
        assertThatThrownBy(() -> localOnly.bulkModel("gpt-image-7")).isInstanceOf(CuppaApiException.class);
    }

    @Test
    void rulesFollowTheDocument() {
        assertThat(CuppaModels.rules(GPT_IMAGE)).isEqualTo(new CuppaModels.Rules(true,
                List.of("1024x1024", "1536x1024", "1024x1536"), "1536x1024", List.of(), List.of()));
        assertThat(CuppaModels.rules(DALL_E_3).sizes()).containsExactly("1024x1024");
        assertThat(CuppaModels.rules(DALL_E_3).defaultSize()).isEqualTo("1024x1024");
        assertThat(CuppaModels.rules(NANO).resolutions()).containsExactly("1K", "2K");
        assertThat(CuppaModels.rules(LOCAL).resolutions()).containsExactly("1K", "2K", "4K");
        assertThat(CuppaModels.rules(FLUX).resolutions()).isEmpty();
        assertThat(CuppaModels.rules(FLUX).aspectRatios()).hasSize(11);
        assertThat(CuppaModels.isOpenAiFamily(model("gateway", "gpt-image-1.5", GPT))).isTrue();
    }

    private static GenerationRequest apply(ModelDescriptor model, String settingsJson) {
        GenerationRequest.Builder b = GenerationRequest.builder(GenerationSource.CUPPA).prompt("p");
        Optional<JsonBody> settings = settingsJson == null ? Optional.empty()
                : JsonBody.of(JsonMapper.builder().build().readTree("{\"settings\":" + settingsJson + "}")).object("settings");
        CuppaModels.applySettings(b, model, settings);
        return b.build();
    }

    @Test
    void appliesSettingsWithTheDocumentsDefaults() {
        assertThat(apply(GPT_IMAGE, null).size()).isEqualTo(new ImageSize(1536, 1024));
        assertThat(apply(GPT_IMAGE, "{\"size\":\"1024x1536\"}").size()).isEqualTo(new ImageSize(1024, 1536));
        assertThat(apply(LOCAL, null).aspectRatio()).isEqualTo(AspectRatio.parse("16:9").orElseThrow());
        GenerationRequest tall = apply(LOCAL, "{\"aspect_ratio\":\"9:21\",\"resolution\":\"2K\"}");
        assertThat(tall.aspectRatio().toString()).isEqualTo("9:21");
        assertThat(tall.resolution()).isEqualTo(Resolution.R2K);
    }

    @Test
    void refusesSettingsTheModelDoesNotTake() {
        Map<String, String> cases = Map.of(
                "{\"size\":\"1024x1024\"}", "settings.size is for OpenAI models only",
                "{\"size\":\"512x512\"}", "settings.size must be one of",
                "{\"aspect_ratio\":\"7:5\"}", "settings.aspect_ratio must be one of",
                "{\"resolution\":\"8K\"}", "settings.resolution must be 1K, 2K or 4K",
                "{\"resolution\":\"4K\"}", "settings.resolution is not valid for model replicate/nano-banana-pro",
                "{\"size\":3}", "settings.size must be a string");
        cases.forEach((json, message) -> assertThatThrownBy(() -> apply(NANO, json)).as(json).hasMessageContaining(message));
        assertThatThrownBy(() -> apply(GPT_IMAGE, "{\"aspect_ratio\":\"16:9\"}"))
                .hasMessageContaining("settings.aspect_ratio is not valid for OpenAI model openai/gpt-image-1");
        assertThatThrownBy(() -> apply(GPT_IMAGE, "{\"resolution\":\"1K\"}"))
                .hasMessageContaining("settings.resolution is not valid for model openai/gpt-image-1");
        assertThatThrownBy(() -> apply(DALL_E_3, "{\"size\":\"1536x1024\"}"))
                .hasMessageContaining("does not render 1536x1024");
        assertThatThrownBy(() -> apply(FLUX, "{\"resolution\":\"1K\"}"))
                .hasMessageContaining("settings.resolution is not valid for model replicate/flux");
    }
}
