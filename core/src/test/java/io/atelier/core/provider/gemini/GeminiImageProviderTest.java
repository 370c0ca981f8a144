package io.atelier.core.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderResult;
import io.atelier.core.provider.http.FakeBackend;
import io.atelier.core.provider.http.FakeBackend.Scripted;
import io.atelier.core.provider.http.HostedTestImages;

/** The Gemini provider against a loopback double of {@code generateContent}: wire format, finish reasons, errors, retries, cancel. */
class GeminiImageProviderTest {

    private static final String API_KEY = "AIzaSy-test-secret-0123456789";
    private static final String FLASH = "gemini-2.5-flash-image";
    private static final String PRO = "gemini-3-pro-image-preview";
    private static final String FLASH_PATH = "/v1beta/models/" + FLASH + ":generateContent";
    private static final String PRO_PATH = "/v1beta/models/" + PRO + ":generateContent";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FakeBackend server;
    private GeminiImageProvider provider;
    private final HostedTestImages.RecordingContext context = new HostedTestImages.RecordingContext();

    @BeforeEach
    void start() throws IOException {
        server = new FakeBackend();
        provider = new GeminiImageProvider(properties(3, Duration.ofSeconds(20)));
    }

    @AfterEach
    void stop() {
        provider.close();
        server.close();
    }

    @Test
    void generatesAndSendsTheDocumentedRequest() throws Exception {
        byte[] png = HostedTestImages.png(13, 7);
        server.on("POST", FLASH_PATH, Scripted.json(200, answer(png, "STOP", "Here is your fox.")));
        // Gemini takes no negative prompt: the service warned the user; it is not sent.
        ProviderRequest request = new ProviderRequest(FLASH, "a fox in snow", "blurry", new ImageSize(1344, 768), 1, 42L,
                null, null, null, Map.of(), "gen-1");

        ProviderResult result = provider.generate(request, context);

        assertThat(result.providerRequestId()).isEqualTo("resp-1");
        assertThat(result.images()).singleElement().satisfies(image -> {
            assertThat(image.bytes()).isEqualTo(png);
            assertThat(image.mimeType()).isEqualTo("image/png");
            assertThat(image.width()).isEqualTo(13);
            assertThat(image.height()).isEqualTo(7);
        });
        FakeBackend.Recorded sent = server.requests().getFirst();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo(FLASH_PATH);
        assertThat(sent.header("x-goog-api-key")).isEqualTo(API_KEY);
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        assertThat(sent.header("Authorization")).isNull();
        JsonNode body = JSON.readTree(sent.body());
        assertThat(body.at("/contents/0/role").stringValue()).isEqualTo("user");
        assertThat(body.at("/contents/0/parts")).hasSize(1);
        assertThat(body.at("/contents/0/parts/0/text").stringValue()).isEqualTo("a fox in snow");
        assertThat(body.at("/generationConfig/responseModalities")).hasSize(1);
        assertThat(body.at("/generationConfig/responseModalities/0").stringValue()).isEqualTo("IMAGE");
        assertThat(body.at("/generationConfig/imageConfig/aspectRatio").stringValue()).isEqualTo("16:9");
        // 2.5 Flash Image has one resolution and rejects imageSize.
        assertThat(body.at("/generationConfig/imageConfig").has("imageSize")).isFalse();
        assertThat(body.has("seed")).isFalse();
        assertThat(sent.bodyText()).doesNotContain("blurry");
        assertThat(context.progress).last().satisfies(p -> assertThat(p.percent()).isEqualTo(100));
    }

    @Test
    void gemini3SendsTheResolutionTierAndSkipsThoughtImages() throws Exception {
        byte[] draft = HostedTestImages.png(2, 2);
        byte[] last = HostedTestImages.png(11, 6);
        String body = """
                {"candidates":[{"content":{"role":"model","parts":[
                  {"inlineData":{"mimeType":"image/png","data":"%s"},"thought":true},
                  {"text":"Final image:"},
                  {"inlineData":{"mimeType":"image/png","data":"%s"}}]},
                 "finishReason":"STOP","index":0}],
                 "modelVersion":"gemini-3-pro-image-preview","responseId":"resp-pro"}"""
                .formatted(b64(draft), b64(last));
        server.on("POST", PRO_PATH, Scripted.json(200, body));

        ProviderResult result = provider.generate(request(PRO, new ImageSize(2752, 1536), 1), context);

        assertThat(result.images().getFirst().bytes()).isEqualTo(last);
        JsonNode sent = JSON.readTree(server.requests().getFirst().body());
        assertThat(sent.at("/generationConfig/imageConfig/aspectRatio").stringValue()).isEqualTo("16:9");
        assertThat(sent.at("/generationConfig/imageConfig/imageSize").stringValue()).isEqualTo("2K");
    }

    @Test
    void editsSendTheImageAsAnInlineDataPart() throws Exception {
        byte[] source = HostedTestImages.jpeg(8, 8);
        server.on("POST", FLASH_PATH, Scripted.json(200, answer(HostedTestImages.png(8, 8), "STOP", null)));
        ProviderRequest edit = new ProviderRequest(FLASH, "make it night", null, new ImageSize(1024, 1024), 1, 7L, null,
                new ProviderRequest.SourceImage(source, "image/jpeg"), null, Map.of(), "gen-1");

        provider.generate(edit, context);

        JsonNode parts = JSON.readTree(server.requests().getFirst().body()).at("/contents/0/parts");
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).get("text").stringValue()).isEqualTo("make it night");
        assertThat(parts.get(1).at("/inline_data/mime_type").stringValue()).isEqualTo("image/jpeg");
        assertThat(Base64.getDecoder().decode(parts.get(1).at("/inline_data/data").stringValue())).isEqualTo(source);
    }

    @Test
    void theInitImageAndTheReferenceImagesTravelAsInlinePartsInOrderAfterThePrompt() throws Exception {
        byte[] init = HostedTestImages.png(6, 6);
        byte[] first = HostedTestImages.png(7, 7);
        byte[] second = HostedTestImages.jpeg(5, 5);
        server.on("POST", FLASH_PATH, Scripted.json(200, answer(HostedTestImages.png(8, 8), "STOP", null)));
        ProviderRequest request = new ProviderRequest(FLASH, "the fox in the style of these", null, new ImageSize(1024, 1024),
                1, 7L, null, new ProviderRequest.SourceImage(init, "image/png"), null, Map.of(), "gen-1", 0.5,
                List.of(new ProviderRequest.SourceImage(first, "image/png"), new ProviderRequest.SourceImage(second, "image/jpeg")),
                null);

        provider.generate(request, context);

        JsonNode sent = JSON.readTree(server.requests().getFirst().body());
        JsonNode parts = sent.at("/contents/0/parts");
        assertThat(parts).hasSize(4);
        assertThat(parts.get(0).propertyNames()).containsExactly("text");
        assertThat(parts.get(0).get("text").stringValue()).isEqualTo("the fox in the style of these");
        List<byte[]> images = List.of(init, first, second);
        List<String> types = List.of("image/png", "image/png", "image/jpeg");
        for (int i = 1; i <= 3; i++) {
            assertThat(parts.get(i).propertyNames()).containsExactly("inline_data");
            assertThat(parts.get(i).at("/inline_data/mime_type").stringValue()).isEqualTo(types.get(i - 1));
            assertThat(Base64.getDecoder().decode(parts.get(i).at("/inline_data/data").stringValue())).isEqualTo(images.get(i - 1));
        }
        assertThat(sent.propertyNames()).containsExactly("contents", "generationConfig");
    }

    @Test
    void referenceImageLimitsFollowTheFamilyAndMoreAreRefusedWithoutACall() {
        assertThat(GeminiModels.describe("gemini-2.5-flash-image", Map.of()).capabilities().maxReferenceImages()).isEqualTo(3);
        assertThat(GeminiModels.describe("gemini-3-pro-image-preview", Map.of()).capabilities().maxReferenceImages()).isEqualTo(14);
        assertThat(GeminiModels.describe("gemini-3-pro-image-preview", Map.of()).capabilities().strength()).isFalse();
        List<ProviderRequest.SourceImage> four = IntStream.range(0, 4)
                .mapToObj(i -> new ProviderRequest.SourceImage(HostedTestImages.png(4, 4), "image/png")).toList();
        ProviderRequest tooMany = new ProviderRequest(FLASH, "x", null, new ImageSize(1024, 1024), 1, 7L, null, null, null,
                Map.of(), "gen-1", null, four, null);

        assertThatThrownBy(() -> provider.generate(tooMany, context)).isInstanceOf(ProviderException.NonRetriable.class)
                .hasMessageContaining("takes at most 3 reference images, not 4");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void severalImagesTakeOneCallEachWithStepProgress() throws Exception {
        server.on("POST", FLASH_PATH, Scripted.json(200, answer(HostedTestImages.png(3, 3), "STOP", null)),
                Scripted.json(200, answer(HostedTestImages.png(4, 4), "STOP", null)));

        ProviderResult result = provider.generate(request(FLASH, new ImageSize(1024, 1024), 2), context);

        assertThat(result.images()).extracting(ProviderResult.GeneratedImage::width).containsExactly(3, 4);
        assertThat(server.requests()).hasSize(2);
        assertThat(context.progress).extracting(ProviderContext.Progress::step, ProviderContext.Progress::totalSteps)
                .contains(org.assertj.core.groups.Tuple.tuple(0, 2), org.assertj.core.groups.Tuple.tuple(1, 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"IMAGE_SAFETY", "SAFETY", "PROHIBITED_CONTENT", "IMAGE_PROHIBITED_CONTENT", "BLOCKLIST", "SPII"})
    void safetyFinishReasonsAreContentPolicyFailures(String reason) {
        server.on("POST", FLASH_PATH, Scripted.json(200, """
                {"candidates":[{"content":{"parts":[]},"finishReason":"%s","index":0}],"responseId":"resp-blocked"}"""
                .formatted(reason)));

        ProviderException e = fails(request(FLASH, new ImageSize(1024, 1024), 1));

        assertThat(e).isInstanceOf(ProviderException.NonRetriable.class);
        assertThat(e.code()).isEqualTo("CONTENT_POLICY_VIOLATION");
        assertThat(e.getMessage()).contains(reason, "resp-blocked");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aBlockedPromptIsAContentPolicyFailure() {
        server.on("POST", FLASH_PATH, Scripted.json(200, """
                {"promptFeedback":{"blockReason":"PROHIBITED_CONTENT","safetyRatings":[]},
                 "usageMetadata":{"promptTokenCount":9,"totalTokenCount":9},"modelVersion":"gemini-2.5-flash-image"}"""));

        ProviderException e = fails(request(FLASH, new ImageSize(1024, 1024), 1));

        assertThat(e.code()).isEqualTo("CONTENT_POLICY_VIOLATION");
        assertThat(e.getMessage()).contains("blocked the prompt", "PROHIBITED_CONTENT");
    }

    @Test
    void aTextOnlyAnswerIsABadResponseWithTheModelsWords() {
        server.on("POST", FLASH_PATH, Scripted.json(200, """
                {"candidates":[{"content":{"role":"model","parts":[{"text":"I can only describe that scene in words."}]},
                 "finishReason":"STOP","index":0}]}"""));

        ProviderException e = fails(request(FLASH, new ImageSize(1024, 1024), 1));

        assertThat(e.code()).isEqualTo("PROVIDER_BAD_RESPONSE");
        assertThat(e.getMessage()).contains("without an image", "only describe that scene");
    }

    @Test
    void anInvalidApiKeyIsAnAuthFailureWithoutTheKey() {
        server.on("POST", FLASH_PATH, Scripted.json(400, """
                {"error":{"code":400,"message":"API key not valid. Please pass a valid API key. (%s)","status":"INVALID_ARGUMENT",
                 "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}"""
                .formatted(API_KEY)));

        ProviderException e = fails(request(FLASH, new ImageSize(1024, 1024), 1));

        assertThat(e.code()).isEqualTo("PROVIDER_AUTH_FAILED");
        assertThat(e.getMessage()).contains("API key not valid").doesNotContain(API_KEY);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void permissionDeniedIsAnAuthFailure() {
        server.on("POST", FLASH_PATH, Scripted.json(403, """
                {"error":{"code":403,"message":"Method doesn't allow unregistered callers.","status":"PERMISSION_DENIED"}}"""));

        assertThat(fails(request(FLASH, new ImageSize(1024, 1024), 1)).code()).isEqualTo("PROVIDER_AUTH_FAILED");
    }

    @Test
    void rateLimitsAreRetriedAfterRetryAfterOrTheRetryInfoDelay() throws Exception {
        server.on("POST", FLASH_PATH,
                Scripted.json(429, quota("1s"), Map.of("Retry-After", "0")),
                Scripted.json(429, quota("0.05s")),
                Scripted.json(200, answer(HostedTestImages.png(2, 2), "STOP", null)));

        ProviderResult result = provider.generate(request(FLASH, new ImageSize(1024, 1024), 1), context);

        assertThat(result.images()).hasSize(1);
        assertThat(server.requests()).hasSize(3);
        assertThat(context.messages()).anyMatch(m -> m != null && m.contains("PROVIDER_RATE_LIMITED"));
    }

    @Test
    void aRetryInfoDelayLongerThanWeWaitFailsAtOnce() {
        server.on("POST", FLASH_PATH, Scripted.json(429, quota("3600s")));

        ProviderException e = fails(request(FLASH, new ImageSize(1024, 1024), 1));

        assertThat(e).isInstanceOf(ProviderException.Retriable.class);
        assertThat(((ProviderException.Retriable) e).retryAfter()).contains(Duration.ofHours(1));
        assertThat(e.code()).isEqualTo("PROVIDER_RATE_LIMITED");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void serverErrorsAreRetriedAndFailRetriablyAfterMaxAttempts() {
        String unavailable = "{\"error\":{\"code\":503,\"message\":\"The model is overloaded. Please try again later.\",\"status\":\"UNAVAILABLE\"}}";
        server.on("POST", FLASH_PATH, Scripted.json(503, unavailable), Scripted.json(500, "{\"error\":{\"code\":500,"
                + "\"message\":\"An internal error has occurred.\",\"status\":\"INTERNAL\"}}"), Scripted.json(503, unavailable));

        ProviderException e = fails(request(FLASH, new ImageSize(1024, 1024), 1));

        assertThat(e).isInstanceOf(ProviderException.Retriable.class);
        assertThat(e.code()).isEqualTo("PROVIDER_UNAVAILABLE");
        assertThat(e.getMessage()).contains("503", "UNAVAILABLE", "overloaded");
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void aLostAnswerIsNotRetriedBecauseItMayHaveBeenBilled() {
        server.on("POST", FLASH_PATH, Scripted.stalled(), Scripted.json(200, answer(HostedTestImages.png(2, 2), "STOP", null)));
        provider.close();
        provider = new GeminiImageProvider(properties(3, Duration.ofMillis(300)));

        ProviderException e = fails(request(FLASH, new ImageSize(1024, 1024), 1));

        assertThat(e).isInstanceOf(ProviderException.Retriable.class);
        assertThat(e.code()).isEqualTo("PROVIDER_TIMEOUT");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void cancelingDuringACallReturnsCanceledPromptly() throws Exception {
        server.on("POST", FLASH_PATH, Scripted.stalled());
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            Future<ProviderException> outcome = worker.submit(() -> fails(request(FLASH, new ImageSize(1024, 1024), 1)));
            assertThat(server.awaitStalledRequest()).isTrue();

            context.cancelled.set(true);

            ProviderException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> outcome.get());
            assertThat(e).isInstanceOf(ProviderException.Canceled.class);
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    void requestsOutsideTheModelsCapabilitiesFailWithoutACall() {
        assertThat(fails(request(FLASH, new ImageSize(2048, 2048), 1)).code()).isEqualTo("PROVIDER_BAD_REQUEST");
        assertThat(fails(request(FLASH, new ImageSize(1024, 1024), 5)).code()).isEqualTo("PROVIDER_BAD_REQUEST");
        assertThat(fails(request("gemini-unknown", new ImageSize(1024, 1024), 1)).code()).isEqualTo("PROVIDER_MODEL_NOT_FOUND");
        assertThat(server.requests()).isEmpty();
    }

    // ---- helpers ----

    private GeminiProviderProperties properties(int maxAttempts, Duration readTimeout) {
        return new GeminiProviderProperties(server.url("/v1beta"), API_KEY, List.of(FLASH, PRO), null,
                Duration.ofSeconds(2), readTimeout, maxAttempts, Duration.ofMillis(5), Duration.ofMillis(20),
                Duration.ofSeconds(5), null);
    }

    private static ProviderRequest request(String model, ImageSize size, int count) {
        return new ProviderRequest(model, "a fox in snow", null, size, count, 42L, null, null, null, Map.of(), "gen-1");
    }

    private ProviderException fails(ProviderRequest request) {
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider.generate(request, context));
        assertThat(e).as("generate should fail").isNotNull();
        return e;
    }

    private static String quota(String retryDelay) {
        return """
                {"error":{"code":429,"message":"You exceeded your current quota, please check your plan and billing details.",
                 "status":"RESOURCE_EXHAUSTED","details":[
                  {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests"}]},
                  {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"%s"}]}}""".formatted(retryDelay);
    }

    static String answer(byte[] image, String finishReason, String text) {
        String textPart = text == null ? "" : "{\"text\":\"" + text + "\"},";
        return """
                {"candidates":[{"content":{"role":"model","parts":[%s{"inlineData":{"mimeType":"image/png","data":"%s"}}]},
                  "finishReason":"%s","index":0}],
                 "usageMetadata":{"promptTokenCount":12,"candidatesTokenCount":1290,"totalTokenCount":1302},
                 "modelVersion":"gemini-2.5-flash-image","responseId":"resp-1"}""".formatted(textPart, b64(image), finishReason);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
