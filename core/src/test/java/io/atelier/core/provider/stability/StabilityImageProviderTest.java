package io.atelier.core.provider.stability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderResult;
import io.atelier.core.provider.http.FakeBackend;
import io.atelier.core.provider.http.FakeBackend.Scripted;
import io.atelier.core.provider.http.HostedTestImages;
import io.atelier.core.provider.http.HostedTestImages.Part;

/** The Stability provider against a loopback double of the v2beta Stable Image endpoints. */
class StabilityImageProviderTest {

    private static final String API_KEY = "sk-stability-secret-0123456789";
    private static final String ULTRA = "/v2beta/stable-image/generate/ultra";
    private static final String CORE = "/v2beta/stable-image/generate/core";
    private static final String SD3 = "/v2beta/stable-image/generate/sd3";
    /** The catalog's 16:9 size (about one megapixel). */
    private static final ImageSize WIDE = new ImageSize(1360, 765);
    private static final ImageSize SQUARE = new ImageSize(1024, 1024);

    private FakeBackend server;
    private StabilityImageProvider provider;
    private final HostedTestImages.RecordingContext context = new HostedTestImages.RecordingContext();

    @BeforeEach
    void start() throws IOException {
        server = new FakeBackend();
        provider = new StabilityImageProvider(properties(3));
    }

    @AfterEach
    void stop() {
        provider.close();
        server.close();
    }

    @Test
    void ultraSendsTheDocumentedMultipartRequestAndReadsTheImageAnswer() throws Exception {
        byte[] png = HostedTestImages.png(16, 9);
        server.on("POST", ULTRA, image(png, "SUCCESS"));
        ProviderRequest request = new ProviderRequest("ultra", "a lighthouse at dusk", "blurry, text", WIDE, 1, 42L, null,
                null, null, Map.of(), "gen-1");

        ProviderResult result = provider.generate(request, context);

        assertThat(result.images()).singleElement().satisfies(i -> {
            assertThat(i.bytes()).isEqualTo(png);
            assertThat(i.width()).isEqualTo(16);
            assertThat(i.mimeType()).isEqualTo("image/png");
        });
        FakeBackend.Recorded sent = server.requests().getFirst();
        assertThat(sent.path()).isEqualTo(ULTRA);
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + API_KEY);
        assertThat(sent.header("Accept")).isEqualTo("image/*");
        assertThat(sent.header("Content-Type")).startsWith("multipart/form-data; boundary=");
        Map<String, Part> parts = HostedTestImages.parseMultipart(sent.body(), sent.header("Content-Type"));
        assertThat(parts.keySet()).containsExactly("prompt", "negative_prompt", "aspect_ratio", "seed", "output_format");
        assertThat(parts.get("prompt").text()).isEqualTo("a lighthouse at dusk");
        assertThat(parts.get("negative_prompt").text()).isEqualTo("blurry, text");
        assertThat(parts.get("aspect_ratio").text()).isEqualTo("16:9");
        assertThat(parts.get("seed").text()).isEqualTo("42");
        assertThat(parts.get("output_format").text()).isEqualTo("png");
    }

    @Test
    void coreTakesAStylePresetAndSd3NamesItsModelAndMode() throws Exception {
        server.on("POST", CORE, image(HostedTestImages.png(2, 2), "SUCCESS"));
        server.on("POST", SD3, image(HostedTestImages.png(2, 2), "SUCCESS"));

        provider.generate(new ProviderRequest("core", "a fox", null, SQUARE, 1, 1L, null, null, null,
                Map.of("style_preset", "photographic", "output_format", "webp"), "g"), context);
        provider.generate(new ProviderRequest("sd3.5-large", "a fox", null, new ImageSize(669, 1561), 1, 1L, null, null, null,
                Map.of(), "g"), context);

        FakeBackend.Recorded core = server.requests(("POST"), CORE).getFirst();
        Map<String, Part> coreParts = HostedTestImages.parseMultipart(core.body(), core.header("Content-Type"));
        assertThat(coreParts.get("style_preset").text()).isEqualTo("photographic");
        assertThat(coreParts.get("output_format").text()).isEqualTo("webp");
        assertThat(coreParts).doesNotContainKeys("model", "mode");
        FakeBackend.Recorded sd3 = server.requests("POST", SD3).getFirst();
        Map<String, Part> sd3Parts = HostedTestImages.parseMultipart(sd3.body(), sd3.header("Content-Type"));
        assertThat(sd3Parts.get("model").text()).isEqualTo("sd3.5-large");
        assertThat(sd3Parts.get("mode").text()).isEqualTo("text-to-image");
        assertThat(sd3Parts.get("aspect_ratio").text()).isEqualTo("9:21");
    }

    @Test
    void sd3ImageToImageSendsTheImageAndStrengthWithoutAnAspectRatio() throws Exception {
        byte[] source = HostedTestImages.jpeg(8, 8);
        server.on("POST", SD3, image(HostedTestImages.png(8, 8), "SUCCESS"));

        provider.generate(new ProviderRequest("sd3.5-large", "as a watercolour", null, SQUARE, 1, 5L, null,
                new ProviderRequest.SourceImage(source, "image/jpeg"), null, Map.of("strength", "0.35"), "g"), context);

        FakeBackend.Recorded sent = server.requests().getFirst();
        Map<String, Part> parts = HostedTestImages.parseMultipart(sent.body(), sent.header("Content-Type"));
        assertThat(parts.get("mode").text()).isEqualTo("image-to-image");
        assertThat(parts.get("strength").text()).isEqualTo("0.35");
        assertThat(parts.get("image").filename()).isEqualTo("image.jpg");
        assertThat(parts.get("image").contentType()).isEqualTo("image/jpeg");
        assertThat(parts.get("image").bytes()).isEqualTo(source);
        assertThat(parts).doesNotContainKey("aspect_ratio");
    }

    @Test
    void ultraImageToImageTakesTheRequestsStrengthAndSendsExactlyTheDocumentedFields() throws Exception {
        byte[] source = HostedTestImages.png(16, 16);
        server.on("POST", ULTRA, image(HostedTestImages.png(8, 8), "SUCCESS"));

        provider.generate(new ProviderRequest("ultra", "the same fox, at night", "blur", SQUARE, 1, 5L, null,
                new ProviderRequest.SourceImage(source, "image/png"), null, Map.of("strength", "0.9"), "g", 0.25,
                List.of(), null), context);

        FakeBackend.Recorded sent = server.requests().getFirst();
        assertThat(sent.path()).isEqualTo(ULTRA);
        Map<String, Part> parts = HostedTestImages.parseMultipart(sent.body(), sent.header("Content-Type"));
        assertThat(parts.keySet()).containsExactly("prompt", "negative_prompt", "seed", "output_format", "image", "strength");
        assertThat(parts.get("strength").text()).isEqualTo("0.25");
        assertThat(parts.get("image").filename()).isEqualTo("image.png");
        assertThat(parts.get("image").contentType()).isEqualTo("image/png");
        assertThat(parts.get("image").bytes()).isEqualTo(source);
    }

    @Test
    void referenceImagesAreRefusedWithoutACallAndTheCatalogSaysNoModelTakesThem() {
        assertThat(provider.models()).allSatisfy(m -> assertThat(m.capabilities().maxReferenceImages()).isZero());
        ProviderRequest withReferences = new ProviderRequest("ultra", "x", null, SQUARE, 1, 1L, null, null, null, Map.of(),
                "g", null, List.of(new ProviderRequest.SourceImage(HostedTestImages.png(4, 4), "image/png")), null);

        assertThat(catchThrowableOfType(ProviderException.NonRetriable.class, () -> provider.generate(withReferences, context)))
                .hasMessageContaining("takes no reference images");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void anUpscaleCallsTheFastUpscalerWithTheImageOnly() throws Exception {
        assertThat(provider.models()).allSatisfy(m -> assertThat(m.capabilities().upscaleFactor()).isEqualTo(4));
        byte[] source = HostedTestImages.png(64, 48);
        byte[] larger = HostedTestImages.png(256, 192);
        server.on("POST", "/v2beta/stable-image/upscale/fast", image(larger, "SUCCESS"));

        ProviderResult result = provider.generate(new ProviderRequest("core", "a fox", null, new ImageSize(128, 96), 1, 5L,
                null, new ProviderRequest.SourceImage(source, "image/png"), null, Map.of(), "g", null, List.of(),
                new ProviderRequest.Upscale(2, 0)), context);

        assertThat(result.images()).singleElement().satisfies(i -> {
            assertThat(i.bytes()).isEqualTo(larger);
            assertThat(i.width()).isEqualTo(256);
        });
        FakeBackend.Recorded sent = server.requests().getFirst();
        assertThat(sent.header("Accept")).isEqualTo("image/*");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + API_KEY);
        Map<String, Part> parts = HostedTestImages.parseMultipart(sent.body(), sent.header("Content-Type"));
        assertThat(parts.keySet()).containsExactly("image", "output_format");
        assertThat(parts.get("image").bytes()).isEqualTo(source);
        assertThat(parts.get("output_format").text()).isEqualTo("png");
    }

    @Test
    void severalImagesTakeOneCallEachWithConsecutiveSeeds() throws Exception {
        server.on("POST", ULTRA, image(HostedTestImages.png(3, 3), "SUCCESS"), image(HostedTestImages.png(4, 4), "SUCCESS"));

        ProviderResult result = provider.generate(new ProviderRequest("ultra", "x", null, SQUARE, 2, 4_294_967_294L, null,
                null, null, Map.of(), "g"), context);

        assertThat(result.images()).hasSize(2);
        assertThat(server.requests()).extracting(r -> HostedTestImages.parseMultipart(r.body(), r.header("Content-Type")).get("seed").text())
                .containsExactly("4294967294", "0");
        assertThat(context.progress).extracting(p -> p.step() + "/" + p.totalSteps()).contains("0/2", "1/2", "2/2");
    }

    @Test
    void aJsonAnswerIsReadToo() throws Exception {
        byte[] png = HostedTestImages.png(5, 5);
        server.on("POST", ULTRA, Scripted.json(200, "{\"image\":\"" + Base64.getEncoder().encodeToString(png)
                + "\",\"finish_reason\":\"SUCCESS\",\"seed\":42}"));

        assertThat(provider.generate(request("ultra"), context).images().getFirst().bytes()).isEqualTo(png);
    }

    @Test
    void contentFilteredIsAContentPolicyFailureFromTheHeaderOrTheJson() {
        server.on("POST", ULTRA, image(HostedTestImages.png(2, 2), "CONTENT_FILTERED"),
                Scripted.json(200, "{\"image\":null,\"finish_reason\":\"CONTENT_FILTERED\",\"seed\":42}"));

        for (int i = 0; i < 2; i++) {
            ProviderException e = fails(request("ultra"));
            assertThat(e).isInstanceOf(ProviderException.NonRetriable.class);
            assertThat(e.code()).isEqualTo("CONTENT_POLICY_VIOLATION");
            assertThat(e.getMessage()).contains("CONTENT_FILTERED");
        }
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void theModerationErrorIsAContentPolicyFailure() {
        server.on("POST", ULTRA, Scripted.json(403, """
                {"id":"ed14db44362126aab3cbd25cca51ffe3","name":"content_moderation",
                 "errors":["Your request was flagged by our content moderation system, as a result your request was denied and you were not charged."]}"""));

        ProviderException e = fails(request("ultra"));

        assertThat(e.code()).isEqualTo("CONTENT_POLICY_VIOLATION");
        assertThat(e.getMessage()).contains("flagged by our content moderation", "ed14db44362126aab3cbd25cca51ffe3");
    }

    @Test
    void errorBodiesKeepStabilitysWordsAndMapByStatus() {
        server.on("POST", ULTRA,
                Scripted.json(400, "{\"id\":\"a1\",\"name\":\"bad_request\",\"errors\":[\"aspect_ratio: must be one of 16:9, 1:1\"]}"),
                Scripted.json(401, "{\"id\":\"a2\",\"name\":\"unauthorized\",\"errors\":[\"authorization: invalid key " + API_KEY + "\"]}"),
                Scripted.json(402, "{\"id\":\"a3\",\"name\":\"payment_required\",\"errors\":[\"lack sufficient credits\"]}"));

        ProviderException bad = fails(request("ultra"));
        assertThat(bad.code()).isEqualTo("PROVIDER_BAD_REQUEST");
        assertThat(bad.getMessage()).contains("bad_request", "aspect_ratio: must be one of");
        ProviderException auth = fails(request("ultra"));
        assertThat(auth.code()).isEqualTo("PROVIDER_AUTH_FAILED");
        assertThat(auth.getMessage()).doesNotContain(API_KEY);
        assertThat(fails(request("ultra")).code()).isEqualTo("PROVIDER_QUOTA_EXCEEDED");
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void rateLimitsAndServerErrorsAreRetried() throws Exception {
        server.on("POST", ULTRA,
                Scripted.json(429, "{\"id\":\"r1\",\"name\":\"rate_limit_exceeded\",\"errors\":[\"You have exceeded the rate limit\"]}",
                        Map.of("Retry-After", "1")),
                Scripted.json(500, "{\"id\":\"r2\",\"name\":\"internal_error\",\"errors\":[\"An unexpected server error occurred\"]}"),
                image(HostedTestImages.png(2, 2), "SUCCESS"));

        assertThat(provider.generate(request("ultra"), context).images()).hasSize(1);
        assertThat(server.requests()).hasSize(3);
        assertThat(context.messages()).anyMatch(m -> m != null && m.contains("PROVIDER_RATE_LIMITED"))
                .anyMatch(m -> m != null && m.contains("PROVIDER_UNAVAILABLE"));
    }

    @Test
    void persistentServerErrorsFailRetriablyAfterMaxAttempts() {
        Scripted error = Scripted.json(500, "{\"id\":\"r\",\"name\":\"internal_error\",\"errors\":[\"boom\"]}");
        server.on("POST", ULTRA, error, error, error);

        ProviderException e = fails(request("ultra"));

        assertThat(e).isInstanceOf(ProviderException.Retriable.class);
        assertThat(e.code()).isEqualTo("PROVIDER_UNAVAILABLE");
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void cancelingDuringACallReturnsCanceledPromptly() throws Exception {
        server.on("POST", ULTRA, Scripted.stalled());
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            Future<ProviderException> outcome = worker.submit(() -> fails(request("ultra")));
            assertThat(server.awaitStalledRequest()).isTrue();
            context.cancelled.set(true);
            assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> outcome.get()))
                    .isInstanceOf(ProviderException.Canceled.class);
            assertThat(server.requests()).hasSize(1);
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    void requestsOutsideTheModelsCapabilitiesFailWithoutACall() {
        ProviderRequest.SourceImage image = new ProviderRequest.SourceImage(HostedTestImages.png(2, 2), "image/png");
        assertThat(fails(new ProviderRequest("ultra", "x", null, SQUARE, 1, 1L, null, null, null,
                Map.of("style_preset", "anime"), "g")).code()).isEqualTo("PROVIDER_BAD_REQUEST");
        assertThat(fails(new ProviderRequest("core", "x", null, SQUARE, 1, 1L, null, image, null, Map.of(), "g")).code())
                .isEqualTo("PROVIDER_BAD_REQUEST");
        assertThat(fails(new ProviderRequest("ultra", "x", null, new ImageSize(512, 512), 1, 1L, null, null, null,
                Map.of(), "g")).code()).isEqualTo("PROVIDER_BAD_REQUEST");
        assertThat(fails(new ProviderRequest("ultra", "x".repeat(10_001), null, SQUARE, 1, 1L, null, null, null,
                Map.of(), "g")).code()).isEqualTo("PROVIDER_BAD_REQUEST");
        assertThat(fails(new ProviderRequest("ultra", "x", null, SQUARE, 1, 1L, null, null, null,
                Map.of("output_format", "gif"), "g")).code()).isEqualTo("PROVIDER_BAD_REQUEST");
        assertThat(server.requests()).isEmpty();
    }

    // ---- helpers ----

    private StabilityProviderProperties properties(int maxAttempts) {
        return new StabilityProviderProperties(server.url(""), API_KEY, List.of("ultra", "core", "sd3.5-large"), null, null,
                Duration.ofSeconds(2), Duration.ofSeconds(20), maxAttempts, Duration.ofMillis(5), Duration.ofMillis(20),
                Duration.ofSeconds(5), null);
    }

    private static ProviderRequest request(String model) {
        return new ProviderRequest(model, "a lighthouse", null, SQUARE, 1, 42L, null, null, null, Map.of(), "gen-1");
    }

    private static Scripted image(byte[] bytes, String finishReason) {
        return Scripted.bytes(200, "image/png", bytes, Map.of("finish-reason", finishReason, "seed", "42"));
    }

    private ProviderException fails(ProviderRequest request) {
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider.generate(request, context));
        assertThat(e).as("generate should fail").isNotNull();
        return e;
    }
}
