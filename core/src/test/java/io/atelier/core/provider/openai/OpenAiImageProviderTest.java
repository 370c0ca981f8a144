package io.atelier.core.provider.openai;

import static io.atelier.core.provider.http.HostedTestImages.parseMultipart;
import static io.atelier.core.provider.http.HostedTestImages.partList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.atelier.core.fetch.FetchProperties;
import io.atelier.core.fetch.SafeHttpFetcher;
import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.http.HostedTestImages.Part;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderResult;
import io.atelier.core.provider.openai.FakeOpenAiServer.Scripted;

/** The provider against {@link FakeOpenAiServer} on loopback: wire format, error mapping, retries, cancellation. */
class OpenAiImageProviderTest {

    private static final String API_KEY = "sk-test-secret-0123456789";
    private static final ImageSize SQUARE = new ImageSize(1024, 1024);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FakeOpenAiServer server;
    private final List<OpenAiImageProvider> providers = new CopyOnWriteArrayList<>();
    private final TestContext context = new TestContext();

    @BeforeEach
    void start() throws IOException {
        server = new FakeOpenAiServer();
    }

    @AfterEach
    void stop() {
        providers.forEach(OpenAiImageProvider::close);
        server.close();
    }

    // ---- success ----

    @Test
    void generatesFromBase64AndSendsTheDocumentedRequest() throws Exception {
        byte[] png = png(4, 3);
        server.enqueue(Scripted.json(200, images(List.of(png), "a fox, revised"), Map.of("x-request-id", "req_123")));
        Map<String, String> options = Map.of("quality", "high", "output_format", "png", "moderation", "low",
                "user", "team-7", "not_an_openai_option", "x");
        ProviderRequest request = new ProviderRequest("gpt-image-1", "a fox in snow", null, new ImageSize(1024, 1536),
                1, 42L, "transparent", null, null, options, "gen-1");

        ProviderResult result = provider(properties()).generate(request, context);

        assertThat(result.providerRequestId()).isEqualTo("req_123");
        assertThat(result.images()).singleElement().satisfies(image -> {
            assertThat(image.bytes()).isEqualTo(png);
            assertThat(image.mimeType()).isEqualTo("image/png");
            assertThat(image.width()).isEqualTo(4);
            assertThat(image.height()).isEqualTo(3);
            assertThat(image.revisedPrompt()).isEqualTo("a fox, revised");
        });
        FakeOpenAiServer.Recorded sent = server.requests().getFirst();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/images/generations");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + API_KEY);
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = JSON.readTree(sent.body());
        assertThat(body.get("model").asString()).isEqualTo("gpt-image-1");
        assertThat(body.get("prompt").asString()).isEqualTo("a fox in snow");
        assertThat(body.get("n").asInt()).isEqualTo(1);
        assertThat(body.get("size").asString()).isEqualTo("1024x1536");
        assertThat(body.get("background").asString()).isEqualTo("transparent");
        assertThat(body.get("quality").asString()).isEqualTo("high");
        assertThat(body.get("output_format").asString()).isEqualTo("png");
        assertThat(body.get("moderation").asString()).isEqualTo("low");
        assertThat(body.get("user").asString()).isEqualTo("team-7");
        // gpt-image models always answer base64 and reject response_format.
        assertThat(body.has("response_format")).isFalse();
        assertThat(body.has("not_an_openai_option")).isFalse();
        assertThat(body.has("seed")).isFalse();
    }

    @Test
    void dallE2AsksForBase64AndReturnsEveryImage() throws Exception {
        List<byte[]> pngs = List.of(png(2, 2), png(3, 3), png(5, 5));
        server.enqueue(Scripted.json(200, images(pngs, null)));

        ProviderResult result = provider(properties()).generate(request("dall-e-2", 3, new ImageSize(512, 512)), context);

        assertThat(result.images()).hasSize(3);
        assertThat(result.images()).extracting(ProviderResult.GeneratedImage::width).containsExactly(2, 3, 5);
        assertThat(result.providerRequestId()).isNull();
        JsonNode body = JSON.readTree(server.requests().getFirst().body());
        assertThat(body.get("n").asInt()).isEqualTo(3);
        assertThat(body.get("size").asString()).isEqualTo("512x512");
        assertThat(body.get("response_format").asString()).isEqualTo("b64_json");
        assertThat(body.has("background")).isFalse();
    }

    @Test
    void recognisesJpegAnswers() throws Exception {
        byte[] jpeg = encode(new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB), "jpeg");
        server.enqueue(Scripted.json(200, images(List.of(jpeg), null)));

        ProviderResult result = provider(properties()).generate(request("gpt-image-1", 1, SQUARE), context);

        assertThat(result.images().getFirst().mimeType()).isEqualTo("image/jpeg");
        assertThat(result.images().getFirst().width()).isEqualTo(7);
        assertThat(result.images().getFirst().height()).isEqualTo(5);
    }

    @Test
    void downloadsUrlAnswersThroughTheSafeFetcherWithoutAnApiKey() throws Exception {
        byte[] png = png(6, 4);
        server.serveFile("out.png", png);
        server.enqueue(Scripted.json(200, "{\"created\":1,\"data\":[{\"url\":\"" + server.fileUrl("out.png") + "\"}]}"));
        OpenAiProviderProperties local = new OpenAiProviderProperties(server.baseUrl(), null, null, List.of("sd-turbo"),
                null, null, null, null, null, null, null, null);

        ProviderResult result = provider(local, FetchProperties.defaults().withAllowLoopback(true))
                .generate(request("sd-turbo", 1, new ImageSize(768, 512)), context);

        assertThat(result.images().getFirst().bytes()).isEqualTo(png);
        assertThat(result.images().getFirst().width()).isEqualTo(6);
        assertThat(server.fileRequests()).containsExactly("out.png");
        FakeOpenAiServer.Recorded sent = server.requests().getFirst();
        assertThat(sent.header("Authorization")).isNull();
        JsonNode body = JSON.readTree(sent.body());
        assertThat(body.get("size").asString()).isEqualTo("768x512");
        assertThat(body.get("response_format").asString()).isEqualTo("b64_json");
    }

    @Test
    void urlAnswersPointingAtNonPublicAddressesAreRefusedWithoutFetching() throws Exception {
        server.serveFile("out.png", png(2, 2));
        server.enqueue(Scripted.json(200, "{\"data\":[{\"url\":\"" + server.fileUrl("out.png") + "\"}]}"));

        ProviderException e = generateFails(provider(properties(), FetchProperties.defaults()),
                request("gpt-image-1", 1, SQUARE));

        assertThat(e).isInstanceOf(ProviderException.NonRetriable.class);
        assertThat(e.code()).isEqualTo("PROVIDER_BAD_RESPONSE");
        assertThat(e.getMessage()).contains("URL_NOT_ALLOWED");
        assertThat(server.fileRequests()).isEmpty();
    }

    @Test
    void editsSendMultipartWithImageAndMask() throws Exception {
        byte[] source = png(8, 8);
        BufferedImage maskImage = new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB);
        maskImage.setRGB(3, 3, 0xff00ff00);
        byte[] mask = encode(maskImage, "png");
        server.enqueue(Scripted.json(200, images(List.of(png(8, 8)), null)));
        ProviderRequest edit = new ProviderRequest("gpt-image-1", "add a rainbow", null, SQUARE, 2, 0L, null,
                new ProviderRequest.SourceImage(source, "image/png"), new ProviderRequest.SourceImage(mask, "image/png"),
                Map.of("quality", "medium"), "gen-2");

        provider(properties()).generate(edit, context);

        FakeOpenAiServer.Recorded sent = server.requests().getFirst();
        assertThat(sent.path()).isEqualTo("/v1/images/edits");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + API_KEY);
        assertThat(sent.header("Content-Type")).startsWith("multipart/form-data; boundary=");
        Map<String, Part> parts = parseMultipart(sent.body(), sent.header("Content-Type"));
        assertThat(parts.get("image").filename()).isEqualTo("image.png");
        assertThat(parts.get("image").contentType()).isEqualTo("image/png");
        assertThat(parts.get("image").bytes()).isEqualTo(source);
        assertThat(parts.get("mask").bytes()).isEqualTo(mask);
        assertThat(parts.get("prompt").text()).isEqualTo("add a rainbow");
        assertThat(parts.get("model").text()).isEqualTo("gpt-image-1");
        assertThat(parts.get("n").text()).isEqualTo("2");
        assertThat(parts.get("size").text()).isEqualTo("1024x1024");
        assertThat(parts.get("quality").text()).isEqualTo("medium");
        assertThat(parts).doesNotContainKey("response_format");
    }

    @Test
    void gptImageSendsTheInitImageAndTheReferencesAsRepeatedImageParts() throws Exception {
        byte[] init = png(8, 8);
        byte[] first = png(6, 6);
        byte[] second = encode(new BufferedImage(5, 5, BufferedImage.TYPE_INT_RGB), "jpeg");
        BufferedImage maskImage = new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB);
        byte[] mask = encode(maskImage, "png");
        server.enqueue(Scripted.json(200, images(List.of(png(8, 8)), null)));
        ProviderRequest request = new ProviderRequest("gpt-image-1", "the fox wearing this hat", null, SQUARE, 1, 0L, null,
                new ProviderRequest.SourceImage(init, "image/png"), new ProviderRequest.SourceImage(mask, "image/png"),
                Map.of(), "gen-3", 0.4, List.of(new ProviderRequest.SourceImage(first, "image/png"),
                new ProviderRequest.SourceImage(second, "image/jpeg")), null);

        provider(properties()).generate(request, context);

        FakeOpenAiServer.Recorded sent = server.requests().getFirst();
        assertThat(sent.path()).isEqualTo("/v1/images/edits");
        List<Map.Entry<String, Part>> parts = partList(sent.body(), sent.header("Content-Type"));
        assertThat(parts).extracting(Map.Entry::getKey)
                .containsExactly("model", "prompt", "n", "size", "image[]", "image[]", "image[]", "mask");
        assertThat(parts.subList(4, 8)).extracting(e -> e.getValue().filename())
                .containsExactly("image.png", "reference-1.png", "reference-2.jpg", "mask.png");
        assertThat(parts.subList(4, 8)).extracting(e -> e.getValue().contentType())
                .containsExactly("image/png", "image/png", "image/jpeg", "image/png");
        assertThat(parts.get(4).getValue().bytes()).isEqualTo(init);
        assertThat(parts.get(5).getValue().bytes()).isEqualTo(first);
        assertThat(parts.get(6).getValue().bytes()).isEqualTo(second);
        assertThat(parts.get(7).getValue().bytes()).isEqualTo(mask);
        assertThat(parts.get(1).getValue().text()).isEqualTo("the fox wearing this hat");
    }

    @Test
    void referenceImagesAloneGoToEditsAndDallE2RefusesThem() throws Exception {
        byte[] only = png(6, 6);
        server.enqueue(Scripted.json(200, images(List.of(png(8, 8)), null)));
        ProviderRequest referenced = new ProviderRequest("gpt-image-1", "in this style", null, SQUARE, 1, 0L, null, null, null,
                Map.of(), "gen-4", null, List.of(new ProviderRequest.SourceImage(only, "image/png")), null);

        provider(properties()).generate(referenced, context);

        FakeOpenAiServer.Recorded sent = server.requests().getFirst();
        assertThat(sent.path()).isEqualTo("/v1/images/edits");
        List<Map.Entry<String, Part>> parts = partList(sent.body(), sent.header("Content-Type"));
        assertThat(parts).extracting(Map.Entry::getKey).containsExactly("model", "prompt", "n", "size", "image");
        assertThat(parts.get(4).getValue().filename()).isEqualTo("reference-1.png");
        assertThat(parts.get(4).getValue().bytes()).isEqualTo(only);

        ProviderRequest dallE2 = new ProviderRequest("dall-e-2", "in this style", null, SQUARE, 1, 0L, null, null, null,
                Map.of(), "gen-5", null, List.of(new ProviderRequest.SourceImage(only, "image/png")), null);
        ProviderException e = generateFails(provider(properties()), dallE2);
        assertThat(e.getMessage()).contains("dall-e-2 takes no reference images");
        assertThat(server.requests()).hasSize(1);
    }

    // ---- errors ----

    @Test
    void badRequestIsNonRetriableWithTheUpstreamMessageAndNoKey() {
        server.enqueue(Scripted.json(400, """
                {"error":{"message":"Invalid size '999x999' for key %s. Supported sizes are 1024x1024.",
                 "type":"invalid_request_error","param":"size","code":"invalid_value"}}""".formatted(API_KEY),
                Map.of("x-request-id", "req_bad")));

        ProviderException e = generateFails(provider(properties()), request("gpt-image-1", 1, SQUARE));

        assertThat(e).isInstanceOf(ProviderException.NonRetriable.class);
        assertThat(e.code()).isEqualTo("PROVIDER_BAD_REQUEST");
        assertThat(e.getMessage()).contains("Invalid size '999x999'", "invalid_value", "400", "req_bad")
                .doesNotContain(API_KEY);
        assertThat(server.requests()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"error\":{\"message\":\"Your request was rejected as a result of our safety system.\","
                    + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"content_policy_violation\"}}",
            "{\"error\":{\"message\":\"Your request was rejected by the safety system.\","
                    + "\"type\":\"image_generation_user_error\",\"param\":null,\"code\":\"moderation_blocked\"}}"})
    void contentPolicyRefusalsAreReportedAsSuch(String body) {
        server.enqueue(Scripted.json(400, body));

        ProviderException e = generateFails(provider(properties()), request("gpt-image-1", 1, SQUARE));

        assertThat(e).isInstanceOf(ProviderException.NonRetriable.class);
        assertThat(e.code()).isEqualTo("CONTENT_POLICY_VIOLATION");
        assertThat(e.getMessage()).contains("safety system");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void unauthorizedIsAnAuthFailure() {
        server.enqueue(Scripted.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-test***6789.\","
                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}"));

        ProviderException e = generateFails(provider(properties()), request("gpt-image-1", 1, SQUARE));

        assertThat(e).isInstanceOf(ProviderException.NonRetriable.class);
        assertThat(e.code()).isEqualTo("PROVIDER_AUTH_FAILED");
        assertThat(e.getMessage()).contains("Incorrect API key provided");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void notFoundIsModelNotFound() {
        server.enqueue(Scripted.json(404, "{\"error\":{\"message\":\"The model `gpt-image-1` does not exist.\","
                + "\"type\":\"invalid_request_error\",\"code\":\"model_not_found\"}}"));

        ProviderException e = generateFails(provider(properties()), request("gpt-image-1", 1, SQUARE));

        assertThat(e.code()).isEqualTo("PROVIDER_MODEL_NOT_FOUND");
        assertThat(e.retriable()).isFalse();
        assertThat(e.getMessage()).contains("does not exist");
    }

    @Test
    void rateLimitWithRetryAfterIsRetriedAfterTheWait() throws Exception {
        server.enqueue(
                Scripted.json(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}",
                        Map.of("Retry-After", "1")),
                Scripted.json(200, images(List.of(png(2, 2)), null)));

        ProviderResult result = provider(properties()).generate(request("gpt-image-1", 1, SQUARE), context);

        assertThat(result.images()).hasSize(1);
        assertThat(server.requests()).hasSize(2);
        assertThat(context.messages).anyMatch(m -> m.contains("PROVIDER_RATE_LIMITED"));
    }

    @Test
    void serverErrorsAreRetriedUntilSuccess() throws Exception {
        server.enqueue(serverError(), serverError(), Scripted.json(200, images(List.of(png(2, 2)), null)));

        ProviderResult result = provider(properties()).generate(request("gpt-image-1", 1, SQUARE), context);

        assertThat(result.images()).hasSize(1);
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void persistentServerErrorsFailRetriablyAfterExactlyMaxAttempts() throws IOException {
        server.enqueue(serverError(), serverError(), serverError(), Scripted.json(200, images(List.of(png(2, 2)), null)));

        ProviderException e = generateFails(provider(properties()), request("gpt-image-1", 1, SQUARE));

        assertThat(e).isInstanceOf(ProviderException.Retriable.class);
        assertThat(e.code()).isEqualTo("PROVIDER_UNAVAILABLE");
        assertThat(e.getMessage()).contains("500", "The server had an error");
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void insufficientQuotaIsNotRetried() throws IOException {
        String quota = "{\"error\":{\"message\":\"You exceeded your current quota, please check your plan and billing details.\","
                + "\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}";
        server.enqueue(Scripted.json(429, quota, Map.of("Retry-After", "1")), Scripted.json(200, images(List.of(png(2, 2)), null)));

        ProviderException e = generateFails(provider(properties()), request("gpt-image-1", 1, SQUARE));

        assertThat(e).isInstanceOf(ProviderException.NonRetriable.class);
        assertThat(e.code()).isEqualTo("PROVIDER_QUOTA_EXCEEDED");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void proxyErrorPagesAreRetriableAndKeepHtmlOutOfTheMessage() {
        server.enqueue(new Scripted(502, Map.of("Content-Type", "text/html"),
                "<html><body>Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8), false));

        ProviderException e = generateFails(provider(properties(1)), request("gpt-image-1", 1, SQUARE));

        assertThat(e).isInstanceOf(ProviderException.Retriable.class);
        assertThat(e.code()).isEqualTo("PROVIDER_UNAVAILABLE");
        assertThat(e.getMessage()).contains("502").doesNotContain("<html>");
    }

    @Test
    void stalledBackendTimesOut() {
        server.enqueue(Scripted.stalled());
        OpenAiProviderProperties p = properties(1);
        OpenAiProviderProperties shortRead = new OpenAiProviderProperties(p.baseUrl(), p.apiKey(), null, p.models(), null,
                Duration.ofSeconds(2), Duration.ofMillis(300), 1, null, null, null, null);

        ProviderException e = generateFails(provider(shortRead), request("gpt-image-1", 1, SQUARE));

        assertThat(e).isInstanceOf(ProviderException.Retriable.class);
        assertThat(e.code()).isEqualTo("PROVIDER_TIMEOUT");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void refusedConnectionIsRetriableUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        OpenAiProviderProperties p = new OpenAiProviderProperties("http://127.0.0.1:" + closedPort + "/v1", API_KEY, null,
                null, null, null, null, 1, null, null, null, null);

        ProviderException e = generateFails(provider(p), request("gpt-image-1", 1, SQUARE));

        assertThat(e).isInstanceOf(ProviderException.Retriable.class);
        assertThat(e.code()).isEqualTo("PROVIDER_UNAVAILABLE");
    }

    @Test
    void malformedAnswersAreBadResponses() {
        server.enqueue(Scripted.json(200, "not json"),
                Scripted.json(200, "{\"data\":[{\"b64_json\":\"" + Base64.getEncoder().encodeToString("GIF89a".getBytes()) + "\"}]}"),
                Scripted.json(200, "{\"data\":[]}"));
        OpenAiImageProvider provider = provider(properties());

        for (int i = 0; i < 3; i++) {
            ProviderException e = generateFails(provider, request("gpt-image-1", 1, SQUARE));
            assertThat(e.code()).isEqualTo("PROVIDER_BAD_RESPONSE");
            assertThat(e.retriable()).isFalse();
        }
        assertThat(server.requests()).hasSize(3);
    }

    // ---- validated before any call ----

    @Test
    void requestsOutsideTheModelsCapabilitiesFailWithoutACall() {
        OpenAiImageProvider provider = provider(properties());
        ProviderRequest.SourceImage image = new ProviderRequest.SourceImage(new byte[] {1}, "image/png");

        assertThat(generateFails(provider, request("dall-e-3", 1, new ImageSize(512, 512))).code())
                .isEqualTo("PROVIDER_BAD_REQUEST");
        assertThat(generateFails(provider, request("dall-e-3", 2, SQUARE)).code()).isEqualTo("PROVIDER_BAD_REQUEST");
        assertThat(generateFails(provider, new ProviderRequest("dall-e-3", "x", null, SQUARE, 1, 0L, null, image, null,
                Map.of(), "g")).code()).isEqualTo("PROVIDER_BAD_REQUEST");
        assertThat(generateFails(provider, new ProviderRequest("dall-e-2", "x", "blurry", SQUARE, 1, 0L, null, null, null,
                Map.of(), "g")).code()).isEqualTo("PROVIDER_BAD_REQUEST");
        assertThat(generateFails(provider, new ProviderRequest("dall-e-2", "x".repeat(1001), null, SQUARE, 1, 0L, null,
                null, null, Map.of(), "g")).code()).isEqualTo("PROVIDER_BAD_REQUEST");
        assertThat(generateFails(provider, new ProviderRequest("dall-e-3", "x", null, SQUARE, 1, 0L, "transparent",
                null, null, Map.of(), "g")).code()).isEqualTo("PROVIDER_BAD_REQUEST");
        assertThat(generateFails(provider, request("not-configured", 1, SQUARE)).code()).isEqualTo("PROVIDER_MODEL_NOT_FOUND");
        assertThat(server.requests()).isEmpty();
    }

    // ---- cancellation ----

    @Test
    void cancelingDuringAStalledCallReturnsCanceledPromptly() throws Exception {
        server.enqueue(Scripted.stalled());
        OpenAiImageProvider provider = provider(properties());
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            Future<ProviderException> outcome = worker.submit(() -> generateFails(provider, request("gpt-image-1", 1, SQUARE)));
            assertThat(server.awaitStalledRequest()).isTrue();

            context.cancelled.set(true);

            ProviderException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> outcome.get());
            assertThat(e).isInstanceOf(ProviderException.Canceled.class);
            assertThat(server.requests()).hasSize(1);
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    void interruptingDuringAStalledCallReturnsCanceledAndKeepsTheInterrupt() throws Exception {
        server.enqueue(Scripted.stalled());
        OpenAiImageProvider provider = provider(properties());
        AtomicBoolean interruptKept = new AtomicBoolean();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            Future<ProviderException> outcome = worker.submit(() -> {
                ProviderException e = generateFails(provider, request("gpt-image-1", 1, SQUARE));
                interruptKept.set(Thread.currentThread().isInterrupted());
                return e;
            });
            assertThat(server.awaitStalledRequest()).isTrue();

            outcome.cancel(true);
            worker.shutdown();

            assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> worker.awaitTermination(10, TimeUnit.SECONDS)))
                    .isTrue();
            assertThat(interruptKept).isTrue();
        } finally {
            worker.shutdownNow();
        }
    }

    // ---- helpers ----

    private OpenAiProviderProperties properties() {
        return properties(3);
    }

    private OpenAiProviderProperties properties(int maxAttempts) {
        return new OpenAiProviderProperties(server.baseUrl(), API_KEY, null,
                List.of("gpt-image-1", "dall-e-2", "dall-e-3"), null,
                Duration.ofSeconds(2), Duration.ofSeconds(20), maxAttempts,
                Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(5), null);
    }

    private OpenAiImageProvider provider(OpenAiProviderProperties properties) {
        return provider(properties, FetchProperties.defaults().withAllowLoopback(true));
    }

    private OpenAiImageProvider provider(OpenAiProviderProperties properties, FetchProperties fetch) {
        OpenAiImageProvider provider = new OpenAiImageProvider(properties, new SafeHttpFetcher(fetch));
        providers.add(provider);
        return provider;
    }

    private static ProviderRequest request(String model, int count, ImageSize size) {
        return new ProviderRequest(model, "a fox in snow", null, size, count, 42L, null, null, null, Map.of(), "gen-1");
    }

    private ProviderException generateFails(OpenAiImageProvider provider, ProviderRequest request) {
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider.generate(request, context));
        assertThat(e).as("generate should fail").isNotNull();
        return e;
    }

    private static Scripted serverError() {
        return Scripted.json(500, "{\"error\":{\"message\":\"The server had an error while processing your request.\","
                + "\"type\":\"server_error\",\"param\":null,\"code\":null}}");
    }

    private static String images(List<byte[]> images, String revisedPrompt) {
        StringBuilder json = new StringBuilder("{\"created\":1713833628,\"data\":[");
        for (int i = 0; i < images.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"b64_json\":\"").append(Base64.getEncoder().encodeToString(images.get(i)))
                    .append('"');
            if (revisedPrompt != null) {
                json.append(",\"revised_prompt\":\"").append(revisedPrompt).append('"');
            }
            json.append('}');
        }
        return json.append("],\"usage\":{\"total_tokens\":100,\"input_tokens\":50,\"output_tokens\":50}}").toString();
    }

    static byte[] png(int width, int height) throws IOException {
        return encode(new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB), "png");
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    /** Records progress messages; cancelable from the test thread. */
    private static final class TestContext implements ProviderContext {
        final AtomicBoolean cancelled = new AtomicBoolean();
        final List<String> messages = new CopyOnWriteArrayList<>();

        @Override
        public void progress(Progress progress) {
            messages.add(progress.message());
        }

        @Override
        public boolean isCancelled() {
            return cancelled.get();
        }
    }
}
