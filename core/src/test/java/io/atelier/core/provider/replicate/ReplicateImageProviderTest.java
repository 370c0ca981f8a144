package io.atelier.core.provider.replicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.atelier.core.fetch.FetchProperties;
import io.atelier.core.fetch.SafeHttpFetcher;
import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderResult;
import io.atelier.core.provider.http.FakeBackend;
import io.atelier.core.provider.http.FakeBackend.Scripted;
import io.atelier.core.provider.http.HostedTestImages;

/**
 * The Replicate provider against a loopback double of the predictions API: create with
 * {@code Prefer: wait}, polling {@code urls.get}, progress from logs, cancel, failures, and the rule
 * that a create which may have started a prediction is never sent twice.
 */
class ReplicateImageProviderTest {

    private static final String TOKEN = "r8_test_secret_0123456789";
    private static final String SCHNELL = "black-forest-labs/flux-schnell";
    private static final String DEV = "black-forest-labs/flux-dev";
    private static final String VERSION = "39ed52f2a78e934b3ba6e2a89f5b1c712de7dfea535525255b1aa35c5565e08b";
    private static final String PINNED = "stability-ai/sdxl:" + VERSION;
    private static final String CREATE_SCHNELL = "/v1/models/" + SCHNELL + "/predictions";
    private static final String CREATE_DEV = "/v1/models/" + DEV + "/predictions";
    private static final String GET = "/v1/predictions/p1";
    private static final String CANCEL = "/v1/predictions/p1/cancel";
    private static final ImageSize WIDE = new ImageSize(1360, 765);
    private static final ImageSize SQUARE = new ImageSize(1024, 1024);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FakeBackend server;
    private final List<ReplicateImageProvider> providers = new CopyOnWriteArrayList<>();
    private final HostedTestImages.RecordingContext context = new HostedTestImages.RecordingContext();

    @BeforeEach
    void start() throws IOException {
        server = new FakeBackend();
    }

    @AfterEach
    void stop() {
        providers.forEach(ReplicateImageProvider::close);
        server.close();
    }

    @Test
    void aPredictionFinishedWithinTheWaitIsDownloadedThroughTheSafeFetcher() throws Exception {
        byte[] first = HostedTestImages.png(16, 9);
        byte[] second = HostedTestImages.png(8, 4);
        server.serveFile("out-0.png", first);
        server.serveFile("out-1.png", second);
        server.on("POST", CREATE_SCHNELL, Scripted.json(201, prediction("p1", "succeeded",
                "[\"" + server.fileUrl("out-0.png") + "\",\"" + server.fileUrl("out-1.png") + "\"]", null, "")));

        ProviderResult result = provider().generate(request(SCHNELL, WIDE, 2), context);

        assertThat(result.providerRequestId()).isEqualTo("p1");
        assertThat(result.images()).extracting(ProviderResult.GeneratedImage::bytes).containsExactly(first, second);
        assertThat(result.images().getFirst().width()).isEqualTo(16);
        assertThat(server.fileRequests()).containsExactly("out-0.png", "out-1.png");
        assertThat(server.requests()).hasSize(1);
        FakeBackend.Recorded sent = server.requests().getFirst();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo(CREATE_SCHNELL);
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(sent.header("Prefer")).isEqualTo("wait=5");
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = JSON.readTree(sent.body());
        assertThat(body.has("version")).isFalse();
        JsonNode input = body.get("input");
        assertThat(input.propertyNames()).containsExactly("prompt", "aspect_ratio", "seed", "num_outputs", "output_format");
        assertThat(input.get("prompt").stringValue()).isEqualTo("a fox in snow");
        assertThat(input.get("aspect_ratio").stringValue()).isEqualTo("16:9");
        assertThat(input.get("seed").longValue()).isEqualTo(42);
        assertThat(input.get("num_outputs").intValue()).isEqualTo(2);
        assertThat(input.get("output_format").stringValue()).isEqualTo("png");
    }

    @Test
    void aRunningPredictionIsPolledWithProgressFromItsLogs() throws Exception {
        server.serveFile("out.png", HostedTestImages.png(4, 4));
        server.on("POST", CREATE_SCHNELL, Scripted.json(201, prediction("p1", "starting", "null", null, "")));
        server.on("GET", GET,
                Scripted.json(200, prediction("p1", "processing", "null", null,
                        "Using seed: 42\\n  0%|          | 0/4 [00:00<?, ?it/s]\\n 50%|█████     | 2/4 [00:01<00:01,  1.93it/s]")),
                Scripted.json(200, prediction("p1", "succeeded", "\"" + server.fileUrl("out.png") + "\"", null,
                        "100%|██████████| 4/4 [00:02<00:00,  1.95it/s]")));

        ProviderResult result = provider().generate(request(SCHNELL, SQUARE, 1), context);

        assertThat(result.images()).hasSize(1);
        assertThat(server.requests("GET", GET)).hasSize(2).allSatisfy(r ->
                assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN));
        assertThat(context.messages()).contains("starting on Replicate");
        assertThat(context.progress).anySatisfy(p -> {
            assertThat(p.percent()).isEqualTo(50);
            assertThat(p.step()).isEqualTo(2);
            assertThat(p.totalSteps()).isEqualTo(4);
            assertThat(p.eta()).isEqualTo(Duration.ofSeconds(1));
            assertThat(p.message()).isEqualTo("sampling step 2 of 4, about 1 s left");
        });
        assertThat(context.progress).last().satisfies(p -> assertThat(p.percent()).isEqualTo(100));
    }

    @Test
    void aPinnedVersionIsCreatedThroughPredictionsWithItsVersion() throws Exception {
        server.serveFile("out.png", HostedTestImages.png(4, 4));
        server.on("POST", "/v1/predictions", Scripted.json(201, prediction("p1", "succeeded",
                "[\"" + server.fileUrl("out.png") + "\"]", null, "")));

        provider().generate(request(PINNED, SQUARE, 1), context);

        JsonNode body = JSON.readTree(server.requests().getFirst().body());
        assertThat(body.get("version").stringValue()).isEqualTo(VERSION);
        assertThat(body.get("input").propertyNames()).containsExactly("prompt", "aspect_ratio", "seed");
    }

    @Test
    void fluxDevImageToImageSendsTheImageAsADataUrl() throws Exception {
        server.serveFile("out.png", HostedTestImages.png(4, 4));
        server.on("POST", CREATE_DEV, Scripted.json(201, prediction("p1", "succeeded",
                "[\"" + server.fileUrl("out.png") + "\"]", null, "")));
        byte[] source = HostedTestImages.png(3, 3);

        provider().generate(new ProviderRequest(DEV, "as ink", null, SQUARE, 1, 1L, null,
                new ProviderRequest.SourceImage(source, "image/png"), null, Map.of("prompt_strength", "0.3"), "g"), context);

        JsonNode input = JSON.readTree(server.requests().getFirst().body()).get("input");
        assertThat(input.get("image").stringValue()).isEqualTo("data:image/png;base64,"
                + java.util.Base64.getEncoder().encodeToString(source));
        assertThat(input.get("prompt_strength").doubleValue()).isEqualTo(0.3);
        assertThat(input.has("aspect_ratio")).isFalse();
    }

    @Test
    void theRequestsStrengthIsThePromptStrengthAndReferencesAreRefusedWithoutACall() throws Exception {
        server.serveFile("out.png", HostedTestImages.png(4, 4));
        server.on("POST", CREATE_DEV, Scripted.json(201, prediction("p1", "succeeded",
                "[\"" + server.fileUrl("out.png") + "\"]", null, "")));
        byte[] source = HostedTestImages.png(3, 3);

        provider().generate(new ProviderRequest(DEV, "as ink", null, SQUARE, 1, 1L, null,
                new ProviderRequest.SourceImage(source, "image/png"), null, Map.of("prompt_strength", "0.3"), "g", 0.65,
                List.of(), null), context);

        JsonNode sent = JSON.readTree(server.requests().getFirst().body());
        assertThat(sent.get("input").propertyNames()).containsExactly("prompt", "seed", "num_outputs", "output_format", "image",
                "prompt_strength");
        assertThat(sent.at("/input/prompt_strength").doubleValue()).isEqualTo(0.65);
        assertThat(sent.at("/input/image").stringValue()).isEqualTo("data:image/png;base64,"
                + java.util.Base64.getEncoder().encodeToString(source));

        int calls = server.requests().size();
        ProviderRequest withReferences = new ProviderRequest(DEV, "as ink", null, SQUARE, 1, 1L, null, null, null, Map.of(),
                "g", null, List.of(new ProviderRequest.SourceImage(source, "image/png")), null);
        assertThat(catchThrowableOfType(ProviderException.NonRetriable.class, () -> provider().generate(withReferences, context)))
                .hasMessageContaining("takes no reference images");
        assertThat(server.requests()).hasSize(calls);
    }

    @Test
    void aLargeImageToEditIsUploadedThroughTheFilesApiFirst() throws Exception {
        server.serveFile("out.png", HostedTestImages.png(4, 4));
        byte[] large = new byte[ReplicateApi.MAX_DATA_URL_BYTES + 1];
        large[0] = 7;
        server.on("POST", "/v1/files", Scripted.json(201, """
                {"id":"f1","name":"image.png","content_type":"image/png","size":%d,
                 "urls":{"get":"%s"}}""".formatted(large.length, server.url("/v1/files/f1"))));
        server.on("POST", CREATE_DEV, Scripted.json(201, prediction("p1", "succeeded",
                "[\"" + server.fileUrl("out.png") + "\"]", null, "")));

        provider().generate(new ProviderRequest(DEV, "as ink", null, SQUARE, 1, 1L, null,
                new ProviderRequest.SourceImage(large, "image/png"), null, Map.of(), "g"), context);

        FakeBackend.Recorded upload = server.requests("POST", "/v1/files").getFirst();
        assertThat(upload.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        HostedTestImages.Part content = HostedTestImages.parseMultipart(upload.body(), upload.header("Content-Type")).get("content");
        assertThat(content.bytes()).isEqualTo(large);
        assertThat(content.contentType()).isEqualTo("image/png");
        JsonNode input = JSON.readTree(server.requests("POST", CREATE_DEV).getFirst().body()).get("input");
        assertThat(input.get("image").stringValue()).isEqualTo(server.url("/v1/files/f1"));
    }

    @Test
    void cancelingWhilePollingCancelsThePredictionOnReplicate() throws Exception {
        Scripted running = Scripted.json(200, prediction("p1", "processing", "null", null, ""));
        server.on("POST", CREATE_SCHNELL, Scripted.json(201, prediction("p1", "starting", "null", null, "")));
        server.on("GET", GET, running, running, running, running, running, running, running, running);
        server.on("POST", CANCEL, Scripted.json(200, prediction("p1", "canceled", "null", null, "")));
        ReplicateImageProvider provider = provider();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            Future<ProviderException> outcome = worker.submit(() -> fails(provider, request(SCHNELL, SQUARE, 1)));
            assertThat(server.awaitRequest(r -> r.method().equals("GET"))).isTrue();

            context.cancelled.set(true);

            assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> outcome.get()))
                    .isInstanceOf(ProviderException.Canceled.class);
            assertThat(server.requests("POST", CANCEL)).singleElement()
                    .satisfies(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN));
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    void cancelingDuringAStalledPollCancelsThePredictionPromptly() throws Exception {
        server.on("POST", CREATE_SCHNELL, Scripted.json(201, prediction("p1", "processing", "null", null, "")));
        server.on("GET", GET, Scripted.stalled());
        server.on("POST", CANCEL, Scripted.json(200, prediction("p1", "canceled", "null", null, "")));
        ReplicateImageProvider provider = provider();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            Future<ProviderException> outcome = worker.submit(() -> fails(provider, request(SCHNELL, SQUARE, 1)));
            assertThat(server.awaitStalledRequest()).isTrue();

            context.cancelled.set(true);

            assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> outcome.get()))
                    .isInstanceOf(ProviderException.Canceled.class);
            assertThat(server.requests("POST", CANCEL)).hasSize(1);
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    void aCancelDuringTheCreateCallStillCancelsThePredictionItStarted() throws Exception {
        server.on("POST", CREATE_SCHNELL, Scripted.json(201, prediction("p1", "processing", "null", null, "")).heldUntilReleased());
        server.on("POST", CANCEL, Scripted.json(200, prediction("p1", "canceled", "null", null, "")));
        ReplicateImageProvider provider = provider();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            Future<ProviderException> outcome = worker.submit(() -> fails(provider, request(SCHNELL, SQUARE, 1)));
            assertThat(server.awaitStalledRequest()).isTrue();
            context.cancelled.set(true);

            server.releaseHeld();

            assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> outcome.get()))
                    .isInstanceOf(ProviderException.Canceled.class);
            assertThat(server.requests("POST", CANCEL)).hasSize(1);
            assertThat(server.requests("GET", GET)).isEmpty();
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    void anNsfwFailureIsAContentPolicyFailure() {
        server.on("POST", CREATE_SCHNELL, Scripted.json(201, prediction("p1", "failed", "null",
                "\"NSFW content detected. Try running it again, or try a different prompt.\"", "")));

        ProviderException e = fails(provider(), request(SCHNELL, SQUARE, 1));

        assertThat(e.code()).isEqualTo("CONTENT_POLICY_VIOLATION");
        assertThat(e.getMessage()).contains("NSFW content detected", "p1");
    }

    @Test
    void anyOtherFailureKeepsReplicatesErrorText() {
        server.on("POST", CREATE_SCHNELL, Scripted.json(201, prediction("p1", "starting", "null", null, "")));
        server.on("GET", GET, Scripted.json(200, prediction("p1", "failed", "null",
                "\"CUDA out of memory. Tried to allocate 2.00 GiB\"", "Traceback ...")));

        ProviderException e = fails(provider(), request(SCHNELL, SQUARE, 1));

        assertThat(e).isInstanceOf(ProviderException.NonRetriable.class);
        assertThat(e.code()).isEqualTo("PROVIDER_GENERATION_FAILED");
        assertThat(e.getMessage()).contains("CUDA out of memory");
    }

    @Test
    void aThrottledCreateIsRetriedAfterRetryAfter() throws Exception {
        server.serveFile("out.png", HostedTestImages.png(4, 4));
        server.on("POST", CREATE_SCHNELL,
                Scripted.json(429, "{\"title\":\"Request was throttled\",\"detail\":\"Request was throttled. Expected available in 1 second.\",\"status\":429}",
                        Map.of("Retry-After", "1")),
                Scripted.json(201, prediction("p1", "succeeded", "[\"" + server.fileUrl("out.png") + "\"]", null, "")));

        assertThat(provider().generate(request(SCHNELL, SQUARE, 1), context).images()).hasSize(1);
        assertThat(server.requests("POST", CREATE_SCHNELL)).hasSize(2);
        assertThat(context.messages()).anyMatch(m -> m != null && m.contains("PROVIDER_RATE_LIMITED"));
    }

    @Test
    void aCreateThatMayHaveStartedAPredictionIsNeverSentTwice() {
        server.on("POST", CREATE_SCHNELL,
                Scripted.json(502, "<html>Bad Gateway</html>"),
                Scripted.json(201, prediction("p1", "succeeded", "null", null, "")));

        ProviderException e = fails(provider(), request(SCHNELL, SQUARE, 1));

        assertThat(e).isInstanceOf(ProviderException.Retriable.class);
        assertThat(e.code()).isEqualTo("PROVIDER_UNAVAILABLE");
        assertThat(server.requests("POST", CREATE_SCHNELL)).hasSize(1);
    }

    @Test
    void aLostCreateAnswerIsNotRetried() {
        server.on("POST", CREATE_SCHNELL, Scripted.stalled(), Scripted.json(201, prediction("p1", "succeeded", "null", null, "")));
        ReplicateImageProvider provider = provider(properties(Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofMinutes(1)),
                FetchProperties.defaults().withAllowLoopback(true));

        ProviderException e = fails(provider, request(SCHNELL, SQUARE, 1));

        assertThat(e.code()).isEqualTo("PROVIDER_TIMEOUT");
        assertThat(server.requests("POST", CREATE_SCHNELL)).hasSize(1);
    }

    @Test
    void pollsAreSafeToRetry() throws Exception {
        server.serveFile("out.png", HostedTestImages.png(4, 4));
        server.on("POST", CREATE_SCHNELL, Scripted.json(201, prediction("p1", "processing", "null", null, "")));
        server.on("GET", GET, Scripted.json(503, "{\"title\":\"Service Unavailable\",\"status\":503}"),
                Scripted.json(200, prediction("p1", "succeeded", "\"" + server.fileUrl("out.png") + "\"", null, "")));

        assertThat(provider().generate(request(SCHNELL, SQUARE, 1), context).images()).hasSize(1);
        assertThat(server.requests("GET", GET)).hasSize(2);
    }

    @Test
    void httpErrorsMapByStatusWithReplicatesDetail() {
        server.on("POST", CREATE_SCHNELL,
                Scripted.json(401, "{\"title\":\"Unauthenticated\",\"detail\":\"You did not pass a valid authentication token\",\"status\":401}"),
                Scripted.json(422, "{\"title\":\"Input validation failed\",\"detail\":\"- input.num_outputs: Must be less than or equal to 4\",\"status\":422}"),
                Scripted.json(402, "{\"title\":\"Insufficient credit\",\"detail\":\"You have insufficient credit to run this model.\",\"status\":402}"),
                Scripted.json(404, "{\"title\":\"Not found\",\"detail\":\"The requested resource could not be found.\",\"status\":404}"));
        ReplicateImageProvider provider = provider();

        assertThat(fails(provider, request(SCHNELL, SQUARE, 1)).code()).isEqualTo("PROVIDER_AUTH_FAILED");
        ProviderException invalid = fails(provider, request(SCHNELL, SQUARE, 1));
        assertThat(invalid.code()).isEqualTo("PROVIDER_BAD_REQUEST");
        assertThat(invalid.getMessage()).contains("input.num_outputs");
        assertThat(fails(provider, request(SCHNELL, SQUARE, 1)).code()).isEqualTo("PROVIDER_QUOTA_EXCEEDED");
        assertThat(fails(provider, request(SCHNELL, SQUARE, 1)).code()).isEqualTo("PROVIDER_MODEL_NOT_FOUND");
        assertThat(server.requests()).hasSize(4);
    }

    @Test
    void outputUrlsOnNonPublicAddressesAreRefusedWithoutFetching() {
        server.serveFile("out.png", HostedTestImages.png(4, 4));
        server.on("POST", CREATE_SCHNELL, Scripted.json(201, prediction("p1", "succeeded",
                "[\"" + server.fileUrl("out.png") + "\"]", null, "")));
        ReplicateImageProvider provider = provider(properties(Duration.ofSeconds(20), Duration.ofMinutes(1)),
                FetchProperties.defaults());

        ProviderException e = fails(provider, request(SCHNELL, SQUARE, 1));

        assertThat(e.code()).isEqualTo("PROVIDER_BAD_RESPONSE");
        assertThat(e.getMessage()).contains("URL_NOT_ALLOWED");
        assertThat(server.fileRequests()).isEmpty();
    }

    @Test
    void aPredictionRunningPastMaxDurationIsCanceledAndTimesOut() {
        Scripted running = Scripted.json(200, prediction("p1", "processing", "null", null, ""));
        server.on("POST", CREATE_SCHNELL, Scripted.json(201, prediction("p1", "processing", "null", null, "")));
        server.on("GET", GET, running, running, running, running, running, running, running, running, running, running);
        server.on("POST", CANCEL, Scripted.json(200, prediction("p1", "canceled", "null", null, "")));
        ReplicateImageProvider provider = provider(properties(Duration.ofSeconds(20), Duration.ofMillis(100)),
                FetchProperties.defaults().withAllowLoopback(true));

        ProviderException e = fails(provider, request(SCHNELL, SQUARE, 1));

        assertThat(e.code()).isEqualTo("PROVIDER_TIMEOUT");
        assertThat(e.getMessage()).contains("max-duration");
        assertThat(server.requests("POST", CANCEL)).hasSize(1);
    }

    @Test
    void cancelAndGetUrlsOutsideTheBaseUrlAreNotCalledWithOurToken() {
        server.on("POST", CREATE_SCHNELL, Scripted.json(201, """
                {"id":"p1","status":"processing","output":null,"error":null,"logs":"",
                 "urls":{"get":"https://elsewhere.example/v1/predictions/p1","cancel":"https://elsewhere.example/v1/predictions/p1/cancel"}}"""));

        ProviderException e = fails(provider(), request(SCHNELL, SQUARE, 1));

        assertThat(e.code()).isEqualTo("PROVIDER_BAD_RESPONSE");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void progressLinesAreReadFromTqdmOutput() {
        assertThat(ReplicateProgress.progressFromLogs("loading\n")).isEmpty();
        ProviderContext.Progress p = ReplicateProgress.progressFromLogs(
                " 10%|█         | 5/50 [00:02<00:18,  2.45it/s]\r 50%|█████     | 25/50 [00:10<1:02:05,  2.45it/s]").orElseThrow();
        assertThat(p.percent()).isEqualTo(50);
        assertThat(p.step()).isEqualTo(25);
        assertThat(p.totalSteps()).isEqualTo(50);
        assertThat(p.eta()).isEqualTo(Duration.ofSeconds(3725));
        assertThat(p.message()).isEqualTo("sampling step 25 of 50, about 62 min 5 s left");
    }

    @Test
    void requestsOutsideTheModelsCapabilitiesFailWithoutACall() {
        ReplicateImageProvider provider = provider();
        ProviderRequest.SourceImage image = new ProviderRequest.SourceImage(HostedTestImages.png(2, 2), "image/png");
        assertThat(fails(provider, request(SCHNELL, SQUARE, 5)).code()).isEqualTo("PROVIDER_BAD_REQUEST");
        assertThat(fails(provider, request(PINNED, SQUARE, 2)).code()).isEqualTo("PROVIDER_BAD_REQUEST");
        assertThat(fails(provider, new ProviderRequest(SCHNELL, "x", null, SQUARE, 1, 1L, null, image, null, Map.of(), "g"))
                .code()).isEqualTo("PROVIDER_BAD_REQUEST");
        assertThat(fails(provider, new ProviderRequest(SCHNELL, "x".repeat(4001), null, SQUARE, 1, 1L, null, null, null,
                Map.of(), "g")).code()).isEqualTo("PROVIDER_BAD_REQUEST");
        assertThat(server.requests()).isEmpty();
    }

    // ---- helpers ----

    private ReplicateProviderProperties properties(Duration readTimeout, Duration maxDuration) {
        return properties(Duration.ofSeconds(5), readTimeout, maxDuration);
    }

    private ReplicateProviderProperties properties(Duration preferWait, Duration readTimeout, Duration maxDuration) {
        return new ReplicateProviderProperties(server.url("/v1"), TOKEN, List.of(SCHNELL, DEV, PINNED), null,
                preferWait, Duration.ofMillis(10), maxDuration, Duration.ofSeconds(2), readTimeout, 3,
                Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(5), null);
    }

    private ReplicateImageProvider provider() {
        return provider(properties(Duration.ofSeconds(20), Duration.ofMinutes(1)), FetchProperties.defaults().withAllowLoopback(true));
    }

    private ReplicateImageProvider provider(ReplicateProviderProperties properties, FetchProperties fetch) {
        ReplicateImageProvider provider = new ReplicateImageProvider(properties, new SafeHttpFetcher(fetch));
        providers.add(provider);
        return provider;
    }

    private static ProviderRequest request(String model, ImageSize size, int count) {
        return new ProviderRequest(model, "a fox in snow", null, size, count, 42L, null, null, null, Map.of(), "gen-1");
    }

    private ProviderException fails(ReplicateImageProvider provider, ProviderRequest request) {
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider.generate(request, context));
        assertThat(e).as("generate should fail").isNotNull();
        return e;
    }

    /** A prediction as Replicate documents it; {@code output} and {@code error} are raw JSON. */
    private String prediction(String id, String status, String output, String error, String logs) {
        return """
                {"id":"%s","model":"black-forest-labs/flux-schnell","version":"dp-4d0bcc010b3049749a251855f12800be",
                 "input":{"prompt":"a fox in snow"},"logs":"%s","output":%s,"data_removed":false,"error":%s,"status":"%s",
                 "created_at":"2026-11-21T12:00:00.000Z",
                 "urls":{"cancel":"%s","get":"%s","stream":"https://stream.replicate.com/v1/files/abc","web":"https://replicate.com/p/%s"}}"""
                .formatted(id, logs, output, error == null ? "null" : error, status,
                        server.url("/v1/predictions/" + id + "/cancel"), server.url("/v1/predictions/" + id), id);
    }
}
