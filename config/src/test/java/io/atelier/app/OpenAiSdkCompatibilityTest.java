package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.images.ImageEditParams;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import com.openai.models.models.Model;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.model.openai.OpenAiImageModel;
import dev.langchain4j.model.output.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real clients, unchanged, pointed at {@code http://127.0.0.1:<port>/v1}: the official OpenAI Java
 * SDK ({@code com.openai:openai-java}) and LangChain4j's {@code OpenAiImageModel} generate images as
 * base64 and as URLs and edit one with a mask (multipart), and read the dialect's errors.
 */
class OpenAiSdkCompatibilityTest extends OpenAiCompatTestSupport {

    private String key;
    private OpenAIClient sdk;

    @BeforeEach
    void client() {
        key = newTeamKey("sdk-" + UUID.randomUUID(), 10_000);
        sdk = OpenAIOkHttpClient.builder()
                .apiKey(key)
                .baseUrl(baseUrl())
                .maxRetries(0)
                .timeout(Duration.ofSeconds(60))
                .build();
    }

    @AfterEach
    void close() {
        sdk.close();
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    private byte[] download(String url) {
        ApiClient.Response r = anonymous().getAbsolute(url, Map.of());
        assertThat(r.status()).isEqualTo(200);
        return r.bytes();
    }

    @Test
    void openAiSdkGeneratesBase64() {
        ImagesResponse response = sdk.images().generate(ImageGenerateParams.builder()
                .model("gpt-image-1")
                .prompt("A cute baby sea otter")
                .n(1)
                .size(ImageGenerateParams.Size._1024X1024)
                .responseFormat(ImageGenerateParams.ResponseFormat.B64_JSON)
                .background(ImageGenerateParams.Background.TRANSPARENT)
                .quality(ImageGenerateParams.Quality.HIGH)
                .build());
        assertThat(response.created()).isPositive();
        List<com.openai.models.images.Image> data = response.data().orElseThrow();
        assertThat(data).hasSize(1);
        assertThat(data.getFirst().url()).isEmpty();
        BufferedImage image = decode(Base64.getDecoder().decode(data.getFirst().b64Json().orElseThrow()));
        assertThat(image.getWidth()).isEqualTo(1024);
        assertThat(image.getColorModel().hasAlpha()).isTrue();
        assertThat(data.getFirst().revisedPrompt()).contains("A cute baby sea otter");
        assertThat(response.size()).contains(com.openai.models.images.ImagesResponse.Size._1024X1024);
        assertThat(response.outputFormat()).contains(com.openai.models.images.ImagesResponse.OutputFormat.PNG);
        assertThat(response.background()).contains(com.openai.models.images.ImagesResponse.Background.TRANSPARENT);
    }

    @Test
    void openAiSdkGeneratesUrls() {
        ImagesResponse response = sdk.images().generate(ImageGenerateParams.builder()
                .model("dall-e-3")
                .prompt("A stunning sunset over mountains")
                .n(1)
                .size(ImageGenerateParams.Size._1792X1024)
                .quality(ImageGenerateParams.Quality.HD)
                .style(ImageGenerateParams.Style.VIVID)
                .responseFormat(ImageGenerateParams.ResponseFormat.URL)
                .build());
        com.openai.models.images.Image first = response.data().orElseThrow().getFirst();
        assertThat(first.b64Json()).isEmpty();
        BufferedImage image = decode(download(first.url().orElseThrow()));
        assertThat(image.getWidth()).isEqualTo(1792);
        assertThat(image.getHeight()).isEqualTo(1024);

        // Without response_format a GPT Image name gets base64 (what OpenAI SDK users read) and a URL.
        ImagesResponse both = sdk.images().generate(ImageGenerateParams.builder()
                .model("gpt-image-1").prompt("two formats").n(2).build());
        assertThat(both.data().orElseThrow()).hasSize(2).allSatisfy(i -> {
            assertThat(i.b64Json()).isPresent();
            assertThat(i.url()).isPresent();
            assertThat(Base64.getDecoder().decode(i.b64Json().orElseThrow())).isEqualTo(download(i.url().orElseThrow()));
        });
    }

    @Test
    void openAiSdkEditsWithAMask() {
        byte[] original = png(512, 512, false);
        ImagesResponse response = sdk.images().edit(ImageEditParams.builder()
                .model("gpt-image-1")
                .image(new ByteArrayInputStream(original))
                .mask(new ByteArrayInputStream(leftHalfMask(512, 512)))
                .prompt("Replace the masked area with a beautiful garden")
                .n(1)
                .size(ImageEditParams.Size._1024X1024)
                .responseFormat(ImageEditParams.ResponseFormat.B64_JSON)
                .build());
        com.openai.models.images.Image edited = response.data().orElseThrow().getFirst();
        BufferedImage image = decode(Base64.getDecoder().decode(edited.b64Json().orElseThrow()));
        assertThat(image.getWidth()).isEqualTo(1024);
        assertThat(edited.revisedPrompt()).contains("Replace the masked area with a beautiful garden");
    }

    @Test
    void openAiSdkEditsWithSeveralImages() {
        ImagesResponse response = sdk.images().edit(ImageEditParams.builder()
                .model("gpt-image-1")
                .image(ImageEditParams.Image.ofInputStreams(List.of(new ByteArrayInputStream(png(256, 256, false)),
                        new ByteArrayInputStream(png(128, 128, true)))))
                .prompt("Combine the two")
                .responseFormat(ImageEditParams.ResponseFormat.URL)
                .build());
        assertThat(decode(download(response.data().orElseThrow().getFirst().url().orElseThrow())).getWidth()).isEqualTo(1024);
    }

    @Test
    void openAiSdkListsAndRetrievesModels() {
        List<String> ids = sdk.models().list().items().stream().map(Model::id).toList();
        assertThat(ids).contains("local/preview", "gpt-image-1", "dall-e-3", "dall-e-2");
        Model alias = sdk.models().retrieve("dall-e-3");
        assertThat(alias.id()).isEqualTo("dall-e-3");
        assertThat(alias.ownedBy()).isEqualTo("local");
    }

    @Test
    void openAiSdkReadsTheErrors() {
        assertThatThrownBy(() -> sdk.images().generate(ImageGenerateParams.builder().model("dall-e-4").prompt("x").build()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.code()).contains("model_not_found");
                    assertThat(e.param()).contains("model");
                    assertThat(e.getMessage()).contains("The model 'dall-e-4' does not exist");
                });
        assertThatThrownBy(() -> sdk.images().generate(ImageGenerateParams.builder().model("gpt-image-1").prompt("x")
                .n(11).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.param()).contains("n");
                    assertThat(e.type()).contains("invalid_request_error");
                });
        OpenAIClient wrongKey = OpenAIOkHttpClient.builder().apiKey("sk-not-a-key-0123456789abcdef").baseUrl(baseUrl())
                .maxRetries(0).build();
        try {
            assertThatThrownBy(() -> wrongKey.models().list())
                    .isInstanceOfSatisfying(UnauthorizedException.class, e -> assertThat(e.code()).contains("invalid_api_key"));
        } finally {
            wrongKey.close();
        }
    }

    private OpenAiImageModel.OpenAiImageModelBuilder langchain4j(String model) {
        return OpenAiImageModel.builder()
                .baseUrl(baseUrl())
                .apiKey(key)
                .modelName(model)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(60));
    }

    @Test
    void langChain4jGeneratesUrls() {
        Response<Image> response = langchain4j("dall-e-3").size("1792x1024").quality("hd").build()
                .generate("A stunning sunset over mountains");
        Image image = response.content();
        assertThat(image.url()).isNotNull();
        assertThat(image.base64Data()).isNull();
        assertThat(image.revisedPrompt()).isEqualTo("A stunning sunset over mountains");
        assertThat(decode(download(image.url().toString())).getWidth()).isEqualTo(1792);
    }

    @Test
    void langChain4jGeneratesBase64() {
        Response<List<Image>> response = langchain4j("gpt-image-1").size("1024x1024").background("transparent").build()
                .generate("A logo of a blue bird on transparent background", 2);
        assertThat(response.content()).hasSize(2).allSatisfy(image -> {
            assertThat(image.base64Data()).isNotBlank();
            BufferedImage decoded = decode(Base64.getDecoder().decode(image.base64Data()));
            assertThat(decoded.getWidth()).isEqualTo(1024);
            assertThat(decoded.getColorModel().hasAlpha()).isTrue();
        });
    }

    @Test
    void langChain4jEditsWithAMask() {
        OpenAiImageModel model = langchain4j("gpt-image-1").size("512x512").build();
        Image source = Image.builder().base64Data(Base64.getEncoder().encodeToString(png(512, 512, false)))
                .mimeType("image/png").build();
        Image mask = Image.builder().base64Data(Base64.getEncoder().encodeToString(leftHalfMask(512, 512)))
                .mimeType("image/png").build();
        Response<Image> response = model.edit(source, mask, "Replace the masked area with a beautiful garden");
        Image edited = response.content();
        assertThat(edited.base64Data()).isNotBlank();
        BufferedImage after = decode(Base64.getDecoder().decode(edited.base64Data()));
        BufferedImage before = decode(png(512, 512, false));
        assertThat(after.getWidth()).isEqualTo(512);
        // Right half (opaque in the mask) is kept; left half (transparent) is repainted.
        assertThat(after.getRGB(400, 100) & 0xFFFFFF).isEqualTo(before.getRGB(400, 100) & 0xFFFFFF);
        int changed = 0;
        for (int y = 0; y < 512; y += 16) {
            for (int x = 0; x < 256; x += 16) {
                changed += (after.getRGB(x, y) & 0xFFFFFF) != (before.getRGB(x, y) & 0xFFFFFF) ? 1 : 0;
            }
        }
        assertThat(changed).isPositive();
    }
}
