package io.atelier.core.provider.automatic1111;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderResult;
import io.atelier.core.provider.http.LoopbackFakeServer;
import io.atelier.core.provider.http.LoopbackFakeServer.Reply;
import io.atelier.core.provider.http.LoopbackFakeServer.Respond;
import io.atelier.core.provider.http.TestImages;

/**
 * The AUTOMATIC1111 provider against a loopback fake replaying the web UI API's documented shapes:
 * the exact txt2img/img2img bodies we send, progress from {@code /sdapi/v1/progress}, cancel through
 * {@code /sdapi/v1/interrupt}, and every error mapped into the provider hierarchy.
 */
class Automatic1111ImageProviderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LoopbackFakeServer fake;
    private final Queue<Function<LoopbackFakeServer.Request, Reply>> script = new ConcurrentLinkedQueue<>();
    private volatile String progressJson = "{\"progress\":0.0,\"eta_relative\":0.0,\"state\":{}}";

    static String imagesJson(int count, int width, int height) {
        StringBuilder images = new StringBuilder();
        for (int i = 0; i < count; i++) {
            images.append(i == 0 ? "" : ",").append('"').append(TestImages.base64Png(width, height, 0x336699 + i)).append('"');
        }
        return "{\"images\":[" + images + "],\"parameters\":{},\"info\":\"{\\\"seed\\\": 42, \\\"all_seeds\\\": [42]}\"}";
    }

    private Automatic1111ImageProvider provider(String apiKey, List<String> models, Duration readTimeout) {
        fake = new LoopbackFakeServer(request -> switch (request.path()) {
            case "/sdapi/v1/progress" -> Respond.json(200, progressJson);
            case "/sdapi/v1/interrupt" -> Respond.json(200, "{}");
            default -> {
                Function<LoopbackFakeServer.Request, Reply> next = script.poll();
                yield next != null ? next.apply(request) : Respond.json(200, imagesJson(1, 512, 512));
            }
        });
        return new Automatic1111ImageProvider(properties(fake.baseUrl(), apiKey, models, readTimeout));
    }

    static Automatic1111Properties properties(String baseUrl, String apiKey, List<String> models, Duration readTimeout) {
        return new Automatic1111Properties(baseUrl, apiKey, models, "DPM++ 2M", null, 25, 6.5, 0.6, 4, 2048, 2000, 2,
                Duration.ofSeconds(2), readTimeout, Duration.ofMillis(50), DataSize.ofMegabytes(64), "R-ESRGAN 4x+", true);
    }

    static ProviderRequest request(String model, int count) {
        return new ProviderRequest(model, "a fox in snow", "blurry", new ImageSize(512, 512), count, 1234L, null,
                null, null, Map.of(), "gen-1");
    }

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    void txt2imgSendsTheDocumentedBodyWithTheCheckpointOverrideAndBasicAuth() throws Exception {
        Automatic1111ImageProvider provider = provider("alice:secret", List.of("sdxl_base.safetensors"), Duration.ofSeconds(10));
        script.add(r -> Respond.json(200, imagesJson(2, 512, 512)));

        ProviderResult result = provider.generate(request("sdxl_base.safetensors", 2), new TestImages.RecordingContext());

        assertThat(result.images()).hasSize(2);
        assertThat(result.images().getFirst().mimeType()).isEqualTo("image/png");
        assertThat(result.images().getFirst().width()).isEqualTo(512);
        LoopbackFakeServer.Request sent = fake.requests("POST", "/sdapi/v1/txt2img").getFirst();
        assertThat(sent.header("authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8)));
        assertThat(sent.header("content-type")).isEqualTo("application/json");
        JsonNode body = JSON.readTree(sent.body());
        assertThat(body.get("prompt").stringValue()).isEqualTo("a fox in snow");
        assertThat(body.get("negative_prompt").stringValue()).isEqualTo("blurry");
        assertThat(body.get("seed").longValue()).isEqualTo(1234L);
        assertThat(body.get("width").intValue()).isEqualTo(512);
        assertThat(body.get("height").intValue()).isEqualTo(512);
        assertThat(body.get("batch_size").intValue()).isEqualTo(2);
        assertThat(body.get("n_iter").intValue()).isEqualTo(1);
        assertThat(body.get("steps").intValue()).isEqualTo(25);
        assertThat(body.get("cfg_scale").doubleValue()).isEqualTo(6.5);
        assertThat(body.get("sampler_name").stringValue()).isEqualTo("DPM++ 2M");
        assertThat(body.at("/override_settings/sd_model_checkpoint").stringValue()).isEqualTo("sdxl_base.safetensors");
        assertThat(body.get("override_settings_restore_afterwards").booleanValue()).isFalse();
        assertThat(body.get("send_images").booleanValue()).isTrue();
        assertThat(body.get("save_images").booleanValue()).isFalse();
        assertThat(body.has("init_images")).isFalse();
        assertThat(body.has("scheduler")).isFalse();
    }

    @Test
    void theDefaultModelSendsNoOverrideAndAKeyWithoutColonIsABearerToken() throws Exception {
        Automatic1111ImageProvider provider = provider("tok-123", List.of(), Duration.ofSeconds(10));
        assertThat(provider.models()).extracting(m -> m.id()).containsExactly("automatic1111/default");
        assertThat(provider.models().getFirst().capabilities().edits()).isTrue();
        assertThat(provider.models().getFirst().creditCost()).isEqualTo(2);

        provider.generate(request("default", 1), new TestImages.RecordingContext());

        LoopbackFakeServer.Request sent = fake.requests("POST", "/sdapi/v1/txt2img").getFirst();
        assertThat(sent.header("authorization")).isEqualTo("Bearer tok-123");
        assertThat(JSON.readTree(sent.body()).has("override_settings")).isFalse();
    }

    @Test
    void perGenerationOptionsOverrideTheDefaultsAndBadOnesAreRefusedWithoutACall() throws Exception {
        Automatic1111ImageProvider provider = provider(null, List.of(), Duration.ofSeconds(10));
        ProviderRequest tuned = new ProviderRequest("default", "a fox", null, new ImageSize(512, 512), 1, 1L, null, null, null,
                Map.of("sampler", "DPM++ 2M SDE", "scheduler", "Karras", "steps", "30", "cfgScale", "5.5"), "gen-4");

        provider.generate(tuned, new TestImages.RecordingContext());

        JsonNode body = JSON.readTree(fake.requests("POST", "/sdapi/v1/txt2img").getFirst().body());
        assertThat(body.get("sampler_name").stringValue()).isEqualTo("DPM++ 2M SDE");
        assertThat(body.get("scheduler").stringValue()).isEqualTo("Karras");
        assertThat(body.get("steps").intValue()).isEqualTo(30);
        assertThat(body.get("cfg_scale").doubleValue()).isEqualTo(5.5);

        ProviderRequest bad = new ProviderRequest("default", "a fox", null, new ImageSize(512, 512), 1, 1L, null, null, null,
                Map.of("steps", "many"), "gen-5");
        assertThatThrownBy(() -> provider.generate(bad, new TestImages.RecordingContext()))
                .isInstanceOfSatisfying(ProviderException.NonRetriable.class, e -> assertThat(e.getMessage()).contains("steps must be a number"));
        assertThat(fake.requests("POST", "/sdapi/v1/txt2img")).hasSize(1);
    }

    @Test
    void aGridBeforeTheBatchIsSkipped() throws Exception {
        Automatic1111ImageProvider provider = provider(null, List.of(), Duration.ofSeconds(10));
        String grid = TestImages.base64Png(1024, 512, 0x111111);
        String one = TestImages.base64Png(512, 512, 0x222222);
        script.add(r -> Respond.json(200, "{\"images\":[\"" + grid + "\",\"" + one + "\",\"" + one + "\"],\"info\":\"{}\"}"));

        ProviderResult result = provider.generate(request("default", 2), new TestImages.RecordingContext());

        assertThat(result.images()).hasSize(2).allSatisfy(i -> assertThat(i.width()).isEqualTo(512));
    }

    @Test
    void img2imgSendsTheInitImageTheConvertedMaskAndTheDenoisingStrength() throws Exception {
        Automatic1111ImageProvider provider = provider(null, List.of(), Duration.ofSeconds(10));
        byte[] source = TestImages.png(64, 64, 0x00ff00);
        ProviderRequest edit = new ProviderRequest("default", "make it red", null, new ImageSize(512, 512), 1, 7L, null,
                new ProviderRequest.SourceImage(source, "image/png"),
                new ProviderRequest.SourceImage(TestImages.transparentLeftHalfMask(64, 64), "image/png"),
                Map.of("denoising_strength", "0.4"), "gen-2");

        provider.generate(edit, new TestImages.RecordingContext());

        assertThat(fake.requests("POST", "/sdapi/v1/txt2img")).isEmpty();
        JsonNode body = JSON.readTree(fake.requests("POST", "/sdapi/v1/img2img").getFirst().body());
        assertThat(Base64.getDecoder().decode(body.at("/init_images/0").stringValue())).isEqualTo(source);
        assertThat(body.get("denoising_strength").doubleValue()).isEqualTo(0.4);
        assertThat(body.has("negative_prompt")).isFalse();
        BufferedImage mask = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(body.get("mask").stringValue())));
        assertThat(mask.getRGB(5, 5) & 0xffffff).as("transparent means repaint: white").isEqualTo(0xffffff);
        assertThat(mask.getRGB(60, 5) & 0xffffff).as("opaque means keep: black").isEqualTo(0x000000);
        assertThat(body.get("inpainting_fill").intValue()).isEqualTo(1);
    }

    @Test
    void img2imgTakesTheRequestsStrengthAsDenoisingStrengthOverTheOption() throws Exception {
        Automatic1111ImageProvider provider = provider(null, List.of(), Duration.ofSeconds(10));
        byte[] source = TestImages.png(64, 64, 0x00ff00);
        ProviderRequest vary = new ProviderRequest("default", "a fox, stronger", null, new ImageSize(512, 512), 1, 9L, null,
                new ProviderRequest.SourceImage(source, "image/png"), null, Map.of("denoising_strength", "0.4"), "gen-3",
                0.7, List.of(), null);

        provider.generate(vary, new TestImages.RecordingContext());

        JsonNode body = JSON.readTree(fake.requests("POST", "/sdapi/v1/img2img").getFirst().body());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("prompt", "seed", "width", "height", "batch_size", "n_iter",
                "steps", "cfg_scale", "sampler_name", "send_images", "save_images", "init_images", "denoising_strength");
        assertThat(body.get("init_images").size()).isEqualTo(1);
        assertThat(Base64.getDecoder().decode(body.at("/init_images/0").stringValue())).isEqualTo(source);
        assertThat(body.get("denoising_strength").doubleValue()).isEqualTo(0.7);
        assertThat(body.get("prompt").stringValue()).isEqualTo("a fox, stronger");
    }

    @Test
    void referenceImagesAreRefusedWithoutACallAndTheCatalogSaysItTakesNone() {
        Automatic1111ImageProvider provider = provider(null, List.of(), Duration.ofSeconds(10));
        assertThat(provider.models().getFirst().capabilities().maxReferenceImages()).isZero();
        assertThat(provider.models().getFirst().capabilities().strength()).isTrue();
        ProviderRequest withReferences = new ProviderRequest("default", "a fox", null, new ImageSize(512, 512), 1, 9L, null,
                null, null, Map.of(), "gen-5", null,
                List.of(new ProviderRequest.SourceImage(TestImages.png(8, 8, 0xff0000), "image/png")), null);

        assertThatThrownBy(() -> provider.generate(withReferences, new TestImages.RecordingContext()))
                .isInstanceOf(ProviderException.NonRetriable.class)
                .hasMessageContaining("takes no reference images");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void anUpscaleGoesToTheExtrasTabWithTheConfiguredUpscaler() throws Exception {
        Automatic1111ImageProvider provider = provider(null, List.of(), Duration.ofSeconds(10));
        assertThat(provider.models().getFirst().capabilities().upscaleFactor()).isEqualTo(2);
        byte[] source = TestImages.png(64, 48, 0x00ff00);
        script.add(r -> Respond.json(200, "{\"html_info\":\"<p></p>\",\"image\":\"" + TestImages.base64Png(128, 96, 0x00ff00)
                + "\"}"));
        ProviderRequest upscale = new ProviderRequest("default", "a fox", null, new ImageSize(128, 96), 1, 9L, null,
                new ProviderRequest.SourceImage(source, "image/png"), null, Map.of(), "gen-6", null, List.of(),
                new ProviderRequest.Upscale(2, 1));

        ProviderResult result = provider.generate(upscale, new TestImages.RecordingContext());

        assertThat(result.images()).singleElement().satisfies(i -> {
            assertThat(i.width()).isEqualTo(128);
            assertThat(i.height()).isEqualTo(96);
        });
        assertThat(fake.requests("POST", "/sdapi/v1/img2img")).isEmpty();
        JsonNode body = JSON.readTree(fake.requests("POST", "/sdapi/v1/extra-single-image").getFirst().body());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("image", "resize_mode", "upscaling_resize", "upscaler_1");
        assertThat(Base64.getDecoder().decode(body.get("image").stringValue())).isEqualTo(source);
        assertThat(body.get("resize_mode").intValue()).isZero();
        assertThat(body.get("upscaling_resize").intValue()).isEqualTo(2);
        assertThat(body.get("upscaler_1").stringValue()).isEqualTo("R-ESRGAN 4x+");
    }

    @Test
    void progressIsPolledWhileTheCallRunsAndReportedWithStepsAndEta() throws Exception {
        Automatic1111ImageProvider provider = provider(null, List.of(), Duration.ofSeconds(10));
        String current = TestImages.base64Png(32, 32, 0x123456);
        progressJson = "{\"progress\":0.5,\"eta_relative\":2.5,\"state\":{\"job\":\"job-1\",\"job_count\":1,"
                + "\"sampling_step\":10,\"sampling_steps\":20,\"interrupted\":false},\"textinfo\":null,\"current_image\":\""
                + current + "\"}";
        script.add(r -> {
            awaitQuietly(() -> fake.requests("GET", "/sdapi/v1/progress").size() >= 2);
            return Respond.json(200, imagesJson(1, 512, 512));
        });
        TestImages.RecordingContext context = new TestImages.RecordingContext();

        provider.generate(request("default", 1), context);

        assertThat(fake.requests("GET", "/sdapi/v1/progress").getFirst().query()).containsEntry("skip_current_image", "false");
        assertThat(context.previews).isNotEmpty().allSatisfy(p -> {
            assertThat(p.mimeType()).isEqualTo("image/png");
            assertThat(p.bytes()).isEqualTo(Base64.getDecoder().decode(current));
        });
        assertThat(context.progress).anySatisfy(p -> {
            assertThat(p.percent()).isEqualTo(50);
            assertThat(p.step()).isEqualTo(10);
            assertThat(p.totalSteps()).isEqualTo(20);
            assertThat(p.eta()).isEqualTo(Duration.ofMillis(2500));
            assertThat(p.message()).isEqualTo("sampling step 10/20");
        });
    }

    @Test
    void cancelAbortsTheCallAndInterruptsTheServer() throws Exception {
        Automatic1111ImageProvider provider = provider(null, List.of(), Duration.ofSeconds(30));
        CountDownLatch interrupted = new CountDownLatch(1);
        script.add(r -> {
            awaitQuietly(() -> !fake.requests("POST", "/sdapi/v1/interrupt").isEmpty());
            interrupted.countDown();
            return Respond.json(200, imagesJson(1, 512, 512));
        });
        TestImages.RecordingContext context = new TestImages.RecordingContext();
        Thread.ofVirtual().start(() -> {
            awaitQuietly(() -> !fake.requests("GET", "/sdapi/v1/progress").isEmpty());
            context.cancelled.set(true);
        });

        assertThatThrownBy(() -> provider.generate(request("default", 1), context))
                .isInstanceOf(ProviderException.Canceled.class);
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(fake.requests("POST", "/sdapi/v1/interrupt")).hasSize(1);
    }

    @Test
    void validationErrorsAreBadRequestsWithTheServersDetail() {
        Automatic1111ImageProvider provider = provider(null, List.of(), Duration.ofSeconds(10));
        script.add(r -> Respond.json(422, "{\"detail\":[{\"loc\":[\"body\",\"steps\"],\"msg\":\"value is not a valid integer\","
                + "\"type\":\"type_error.integer\"}]}"));

        assertThatThrownBy(() -> provider.generate(request("default", 1), new TestImages.RecordingContext()))
                .isInstanceOfSatisfying(ProviderException.NonRetriable.class, e -> {
                    assertThat(e.code()).isEqualTo("PROVIDER_BAD_REQUEST");
                    assertThat(e.getMessage()).contains("HTTP 422").contains("value is not a valid integer").contains("steps");
                });
    }

    @Test
    void wrongCredentialsAreAnAuthFailureThatNeverEchoesThePassword() {
        Automatic1111ImageProvider provider = provider("alice:hunter2", List.of(), Duration.ofSeconds(10));
        script.add(r -> Respond.json(401, "{\"detail\":\"Incorrect username or password alice:hunter2\"}"));

        assertThatThrownBy(() -> provider.generate(request("default", 1), new TestImages.RecordingContext()))
                .isInstanceOfSatisfying(ProviderException.NonRetriable.class, e -> {
                    assertThat(e.code()).isEqualTo("PROVIDER_AUTH_FAILED");
                    assertThat(e.getMessage()).contains("Incorrect username or password").doesNotContain("hunter2");
                });
    }

    @Test
    void outOfMemoryIsRetriableAndMayHaveStarted() {
        Automatic1111ImageProvider provider = provider(null, List.of(), Duration.ofSeconds(10));
        script.add(r -> Respond.json(500, "{\"error\":\"OutOfMemoryError\",\"detail\":\"\",\"body\":\"\","
                + "\"errors\":\"CUDA out of memory. Tried to allocate 2.00 GiB\"}"));

        assertThatThrownBy(() -> provider.generate(request("default", 1), new TestImages.RecordingContext()))
                .isInstanceOfSatisfying(ProviderException.Retriable.class, e -> {
                    assertThat(e.code()).isEqualTo("PROVIDER_UNAVAILABLE");
                    assertThat(e.getMessage()).contains("OutOfMemoryError").contains("CUDA out of memory");
                    assertThat(e.backendMayHaveStarted()).isTrue();
                });
    }

    @Test
    void aBusyServerIsARefusalWithItsRetryAfter() {
        Automatic1111ImageProvider provider = provider(null, List.of(), Duration.ofSeconds(10));
        script.add(r -> Respond.json(503, "{\"detail\":\"queue full\"}", "Retry-After", "7"));

        assertThatThrownBy(() -> provider.generate(request("default", 1), new TestImages.RecordingContext()))
                .isInstanceOfSatisfying(ProviderException.Retriable.class, e -> {
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                    assertThat(e.backendMayHaveStarted()).isFalse();
                });
    }

    @Test
    void aResetConnectionIsRetriableAndMayHaveStarted() {
        Automatic1111ImageProvider provider = provider(null, List.of(), Duration.ofSeconds(10));
        script.add(r -> new LoopbackFakeServer.Reset());

        assertThatThrownBy(() -> provider.generate(request("default", 1), new TestImages.RecordingContext()))
                .isInstanceOfSatisfying(ProviderException.Retriable.class, e -> {
                    assertThat(e.code()).isEqualTo("PROVIDER_UNAVAILABLE");
                    assertThat(e.backendMayHaveStarted()).isTrue();
                });
    }

    @Test
    void aBodyThatStallsTimesOutAndInterruptsTheServer() {
        Automatic1111ImageProvider provider = provider(null, List.of(), Duration.ofMillis(300));
        script.add(r -> new LoopbackFakeServer.SlowBody(imagesJson(1, 512, 512).getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> provider.generate(request("default", 1), new TestImages.RecordingContext()))
                .isInstanceOfSatisfying(ProviderException.Retriable.class, e -> assertThat(e.code()).isEqualTo("PROVIDER_TIMEOUT"));
        assertThat(fake.requests("POST", "/sdapi/v1/interrupt")).hasSize(1);
    }

    @Test
    void aServerThatIsDownIsARefusalThatCannotHaveStarted() {
        Automatic1111ImageProvider provider = provider(null, List.of(), Duration.ofSeconds(10));
        fake.close();

        assertThatThrownBy(() -> provider.generate(request("default", 1), new TestImages.RecordingContext()))
                .isInstanceOfSatisfying(ProviderException.Retriable.class, e -> {
                    assertThat(e.code()).isEqualTo("PROVIDER_UNAVAILABLE");
                    assertThat(e.backendMayHaveStarted()).isFalse();
                });
    }

    @Test
    void transparentBackgroundsAreUnsupportedWithoutACall() {
        Automatic1111ImageProvider provider = provider(null, List.of(), Duration.ofSeconds(10));
        ProviderRequest transparent = new ProviderRequest("default", "a logo", null, new ImageSize(512, 512), 1, 1L,
                "transparent", null, null, Map.of(), "gen-3");

        assertThatThrownBy(() -> provider.generate(transparent, new TestImages.RecordingContext()))
                .isInstanceOfSatisfying(ProviderException.NonRetriable.class, e -> assertThat(e.code()).isEqualTo("PROVIDER_UNSUPPORTED"));
        assertThat(fake.requests()).isEmpty();
    }

    static void awaitQuietly(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
