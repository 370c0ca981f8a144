package io.atelier.core.provider.comfyui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.util.unit.DataSize;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderResult;
import io.atelier.core.provider.http.LoopbackFakeServer;
import io.atelier.core.provider.http.LoopbackFakeServer.Reply;
import io.atelier.core.provider.http.LoopbackFakeServer.Respond;
import io.atelier.core.provider.http.TestImages;

/**
 * The ComfyUI provider against a loopback fake that speaks ComfyUI's documented server API:
 * {@code POST /prompt}, the {@code /ws} messages, {@code /history/{id}}, {@code /view}, {@code /queue}
 * and {@code /interrupt}; the exact workflow we send, progress, cancel and errors.
 */
class ComfyUiImageProviderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROMPT_ID = "0b8f7b3e-6a1c-4d7e-9c55-1f2d3e4a5b6c";

    private LoopbackFakeServer fake;
    private final AtomicBoolean done = new AtomicBoolean();
    private final AtomicReference<Reply> promptReply = new AtomicReference<>(
            Respond.json(200, "{\"prompt_id\":\"" + PROMPT_ID + "\",\"number\":3,\"node_errors\":{}}"));
    private volatile LoopbackFakeServer.WebSocketHandler socket = this::runToSuccess;
    private volatile String historyEntry = "{\"prompt\":[3,\"" + PROMPT_ID + "\",{},{},[\"9\"]],"
            + "\"outputs\":{\"9\":{\"images\":[{\"filename\":\"atelier_00001_.png\",\"subfolder\":\"\",\"type\":\"output\"},"
            + "{\"filename\":\"atelier_00002_.png\",\"subfolder\":\"\",\"type\":\"output\"}]},"
            + "\"12\":{\"images\":[{\"filename\":\"ComfyUI_temp_x.png\",\"subfolder\":\"\",\"type\":\"temp\"}]}},"
            + "\"status\":{\"status_str\":\"success\",\"completed\":true,\"messages\":[]}}";

    /** History polls: rare while the websocket works (so its messages drive the test), frequent without it. */
    private volatile Duration pollInterval = Duration.ofSeconds(10);

    private volatile String editWorkflow;
    private final AtomicInteger historyHiccups = new AtomicInteger();

    private ComfyUiImageProvider provider(List<String> models, ComfyUiProperties.Nodes nodes) {
        fake = new LoopbackFakeServer(request -> {
            if (request.path().equals("/ws")) {
                LoopbackFakeServer.WebSocketHandler handler = socket;
                return handler == null ? Respond.json(404, "{}") : new LoopbackFakeServer.Upgrade(handler);
            }
            if (request.path().equals("/prompt")) {
                return promptReply.get();
            }
            if (request.path().equals("/history/" + PROMPT_ID)) {
                if (historyHiccups.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    return new LoopbackFakeServer.Reset();
                }
                return Respond.json(200, done.get() ? "{\"" + PROMPT_ID + "\":" + historyEntry + "}" : "{}");
            }
            if (request.path().equals("/view")) {
                int shade = request.query().get("filename").contains("00002") ? 0x222222 : 0x111111;
                return Respond.bytes("image/png", TestImages.png(512, 384, shade));
            }
            if (request.path().equals("/upload/image")) {
                return Respond.json(200, "{\"name\":\"atelier-gen-9.png\",\"subfolder\":\"uploads\",\"type\":\"input\"}");
            }
            if (request.path().equals("/queue") || request.path().equals("/interrupt")) {
                return Respond.json(200, "{}");
            }
            return Respond.json(404, "{\"error\":\"not found\"}");
        });
        ComfyUiProperties properties = properties(fake.baseUrl(), models, nodes, pollInterval, editWorkflow);
        return new ComfyUiImageProvider(properties, WorkflowTemplate.load(properties, new DefaultResourceLoader()),
                WorkflowTemplate.loadEdit(properties, new DefaultResourceLoader()));
    }

    static ComfyUiProperties properties(String baseUrl, List<String> models, ComfyUiProperties.Nodes nodes, Duration pollInterval) {
        return properties(baseUrl, models, nodes, pollInterval, null);
    }

    static ComfyUiProperties properties(String baseUrl, List<String> models, ComfyUiProperties.Nodes nodes, Duration pollInterval,
                                        String editWorkflow) {
        return new ComfyUiProperties(baseUrl, "comfy-token", null, nodes, editWorkflow, null, null, models, 4, 2048, 2000, 3,
                Duration.ofSeconds(2), Duration.ofSeconds(5), pollInterval, DataSize.ofMegabytes(64));
    }

    private static ProviderRequest request(String model, int count) {
        return new ProviderRequest(model, "a lighthouse at dusk", "people", new ImageSize(512, 384), count, 987654321L,
                null, null, null, Map.of(), "gen-9");
    }

    /** ComfyUI's message sequence for a prompt that runs to the end, plus noise from another prompt. */
    private void runToSuccess(LoopbackFakeServer.WebSocketSession ws) throws Exception {
        ws.sendText("{\"type\":\"status\",\"data\":{\"status\":{\"exec_info\":{\"queue_remaining\":1}},\"sid\":\"abc\"}}");
        awaitQuietly(() -> !fake.requests("POST", "/prompt").isEmpty());
        ws.sendText("{\"type\":\"progress\",\"data\":{\"value\":1,\"max\":2,\"prompt_id\":\"someone-else\",\"node\":\"3\"}}");
        ws.sendText("{\"type\":\"execution_start\",\"data\":{\"prompt_id\":\"" + PROMPT_ID + "\",\"timestamp\":1}}");
        ws.sendText("{\"type\":\"execution_cached\",\"data\":{\"nodes\":[],\"prompt_id\":\"" + PROMPT_ID + "\",\"timestamp\":1}}");
        ws.sendText("{\"type\":\"executing\",\"data\":{\"node\":\"3\",\"display_node\":\"3\",\"prompt_id\":\"" + PROMPT_ID + "\"}}");
        ws.sendText("{\"type\":\"progress\",\"data\":{\"value\":5,\"max\":20,\"prompt_id\":\"" + PROMPT_ID + "\",\"node\":\"3\"}}");
        ws.sendBinary(new byte[] {0, 0, 0, 1, 0, 0, 0, 2});
        ws.sendText("{\"type\":\"progress\",\"data\":{\"value\":20,\"max\":20,\"prompt_id\":\"" + PROMPT_ID + "\",\"node\":\"3\"}}");
        ws.sendText("{\"type\":\"executed\",\"data\":{\"node\":\"9\",\"display_node\":\"9\",\"output\":{\"images\":[]},\"prompt_id\":\""
                + PROMPT_ID + "\"}}");
        ws.sendText("{\"type\":\"execution_success\",\"data\":{\"prompt_id\":\"" + PROMPT_ID + "\",\"timestamp\":2}}");
        done.set(true);
    }

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    void queuesTheWorkflowWithTheRequestInItsNodesFollowsTheWebsocketAndFetchesTheOutputs() throws Exception {
        ComfyUiImageProvider provider = provider(List.of("sdxl.safetensors"), null);
        TestImages.RecordingContext context = new TestImages.RecordingContext();

        ProviderResult result = provider.generate(request("sdxl.safetensors", 2), context);

        assertThat(result.providerRequestId()).isEqualTo(PROMPT_ID);
        assertThat(result.images()).hasSize(2);
        assertThat(result.images().getFirst().width()).isEqualTo(512);
        assertThat(result.images().getFirst().height()).isEqualTo(384);

        LoopbackFakeServer.Request ws = fake.requests("GET", "/ws").getFirst();
        LoopbackFakeServer.Request queued = fake.requests("POST", "/prompt").getFirst();
        assertThat(queued.header("authorization")).isEqualTo("Bearer comfy-token");
        assertThat(queued.header("content-type")).isEqualTo("application/json");
        JsonNode body = JSON.readTree(queued.body());
        assertThat(body.get("client_id").stringValue()).isEqualTo(ws.query().get("clientId")).isNotBlank();
        JsonNode workflow = body.get("prompt");
        assertThat(workflow.at("/6/inputs/text").stringValue()).isEqualTo("a lighthouse at dusk");
        assertThat(workflow.at("/7/inputs/text").stringValue()).isEqualTo("people");
        assertThat(workflow.at("/3/inputs/seed").longValue()).isEqualTo(987654321L);
        assertThat(workflow.at("/5/inputs/width").intValue()).isEqualTo(512);
        assertThat(workflow.at("/5/inputs/height").intValue()).isEqualTo(384);
        assertThat(workflow.at("/5/inputs/batch_size").intValue()).isEqualTo(2);
        assertThat(workflow.at("/4/inputs/ckpt_name").stringValue()).isEqualTo("sdxl.safetensors");
        assertThat(workflow.at("/3/inputs/steps").intValue()).as("untouched inputs stay").isEqualTo(20);
        assertThat(workflow.at("/9/class_type").stringValue()).isEqualTo("SaveImage");

        List<LoopbackFakeServer.Request> views = fake.requests("GET", "/view");
        assertThat(views).extracting(r -> r.query().get("filename")).containsExactly("atelier_00001_.png", "atelier_00002_.png");
        assertThat(views.getFirst().query()).containsEntry("type", "output").containsEntry("subfolder", "");

        assertThat(context.progress).anySatisfy(p -> {
            assertThat(p.percent()).isEqualTo(25);
            assertThat(p.step()).isEqualTo(5);
            assertThat(p.totalSteps()).isEqualTo(20);
        });
        assertThat(context.progress).noneSatisfy(p -> assertThat(p.totalSteps()).isEqualTo(2));
        assertThat(fake.requests("POST", "/interrupt")).isEmpty();
    }

    @Test
    void theDefaultModelKeepsTheWorkflowsCheckpointAndEditsAreUnsupported() throws Exception {
        ComfyUiImageProvider provider = provider(List.of(), null);
        assertThat(provider.models()).extracting(m -> m.id()).containsExactly("comfyui/default");
        assertThat(provider.models().getFirst().capabilities().edits()).isFalse();
        assertThat(provider.models().getFirst().creditCost()).isEqualTo(3);

        provider.generate(request("default", 1), new TestImages.RecordingContext());
        JsonNode workflow = JSON.readTree(fake.requests("POST", "/prompt").getFirst().body()).get("prompt");
        assertThat(workflow.at("/4/inputs/ckpt_name").stringValue()).isEqualTo("v1-5-pruned-emaonly.safetensors");
        assertThat(fake.requests("GET", "/view")).hasSize(1);

        ProviderRequest edit = new ProviderRequest("default", "x", null, new ImageSize(512, 512), 1, 1L, null,
                new ProviderRequest.SourceImage(TestImages.png(8, 8, 0), "image/png"), null, Map.of(), "gen-10");
        int before = fake.requests().size();
        assertThatThrownBy(() -> provider.generate(edit, new TestImages.RecordingContext()))
                .isInstanceOfSatisfying(ProviderException.NonRetriable.class, e -> {
                    assertThat(e.code()).isEqualTo("PROVIDER_UNSUPPORTED");
                    assertThat(e.getMessage()).contains("cannot edit images");
                });
        assertThat(fake.requests()).hasSize(before);
    }

    @Test
    void anEditUploadsTheImageAndRunsTheImg2ImgWorkflowWithIt() throws Exception {
        editWorkflow = "classpath:comfyui/img2img-workflow.json";
        ComfyUiImageProvider provider = provider(List.of(), null);
        assertThat(provider.models().getFirst().capabilities().edits()).isTrue();
        assertThat(provider.models().getFirst().capabilities().masks()).isFalse();
        byte[] source = TestImages.png(32, 32, 0x00ff00);
        ProviderRequest edit = new ProviderRequest("default", "make it autumn", null, new ImageSize(512, 384), 2, 11L, null,
                new ProviderRequest.SourceImage(source, "image/png"), null, Map.of("denoisingStrength", "0.4"), "gen-9");

        ProviderResult result = provider.generate(edit, new TestImages.RecordingContext());

        assertThat(result.images()).hasSize(2);
        LoopbackFakeServer.Request upload = fake.requests("POST", "/upload/image").getFirst();
        assertThat(upload.header("content-type")).startsWith("multipart/form-data; boundary=");
        String form = new String(upload.body(), StandardCharsets.ISO_8859_1);
        assertThat(form).contains("name=\"image\"; filename=\"atelier-gen-9.png\"").contains("Content-Type: image/png")
                .contains("name=\"type\"\r\n\r\ninput").contains("name=\"overwrite\"\r\n\r\ntrue")
                .contains(new String(source, StandardCharsets.ISO_8859_1));
        JsonNode workflow = JSON.readTree(fake.requests("POST", "/prompt").getFirst().body()).get("prompt");
        assertThat(workflow.at("/1/class_type").stringValue()).isEqualTo("LoadImage");
        assertThat(workflow.at("/1/inputs/image").stringValue()).isEqualTo("uploads/atelier-gen-9.png");
        assertThat(workflow.at("/3/inputs/denoise").doubleValue()).isEqualTo(0.4);
        assertThat(workflow.at("/3/inputs/seed").longValue()).isEqualTo(11L);
        assertThat(workflow.at("/12/inputs/width").intValue()).isEqualTo(512);
        assertThat(workflow.at("/12/inputs/height").intValue()).isEqualTo(384);
        assertThat(workflow.at("/11/inputs/amount").intValue()).isEqualTo(2);
        assertThat(workflow.at("/6/inputs/text").stringValue()).isEqualTo("make it autumn");
    }

    @Test
    void theRequestsStrengthIsTheDenoiseAndPreviewFramesReachTheContext() throws Exception {
        editWorkflow = "classpath:comfyui/img2img-workflow.json";
        byte[] jpegPreview = jpeg(16, 12);
        byte[] pngPreview = TestImages.png(20, 10, 0x445566);
        TestImages.RecordingContext context = new TestImages.RecordingContext();
        List<ProviderContext.Preview> previews = context.previews;
        socket = ws -> {
            awaitQuietly(() -> !fake.requests("POST", "/prompt").isEmpty());
            ByteBuffer first = ByteBuffer.allocate(8 + jpegPreview.length).putInt(1).putInt(1).put(jpegPreview);
            ws.sendBinary(first.array());
            awaitQuietly(() -> !previews.isEmpty());
            byte[] metadata = ("{\"image_type\":\"image/png\",\"prompt_id\":\"" + PROMPT_ID + "\"}").getBytes(StandardCharsets.UTF_8);
            ByteBuffer second = ByteBuffer.allocate(8 + metadata.length + pngPreview.length).putInt(4).putInt(metadata.length)
                    .put(metadata).put(pngPreview);
            ws.sendBinary(second.array());
            awaitQuietly(() -> previews.size() >= 2);
            runToSuccess(ws);
        };
        ComfyUiImageProvider provider = provider(List.of(), null);
        assertThat(provider.models().getFirst().capabilities().strength()).isTrue();
        assertThat(provider.models().getFirst().capabilities().maxReferenceImages()).isZero();
        ProviderRequest vary = new ProviderRequest("default", "the same, subtler", null, new ImageSize(512, 384), 1, 11L, null,
                new ProviderRequest.SourceImage(TestImages.png(32, 32, 0x00ff00), "image/png"), null,
                Map.of("denoisingStrength", "0.9"), "gen-9", 0.3, List.of(), null);
        provider.generate(vary, context);

        JsonNode workflow = JSON.readTree(fake.requests("POST", "/prompt").getFirst().body()).get("prompt");
        assertThat(workflow.at("/3/inputs/denoise").doubleValue()).isEqualTo(0.3);
        assertThat(workflow.at("/1/inputs/image").stringValue()).isEqualTo("uploads/atelier-gen-9.png");
        assertThat(context.previews).extracting(ProviderContext.Preview::mimeType).containsExactly("image/jpeg", "image/png");
        assertThat(context.previews.get(0).bytes()).isEqualTo(jpegPreview);
        assertThat(context.previews.get(1).bytes()).isEqualTo(pngPreview);
    }

    @Test
    void referenceImagesAndUpscalesAreUnsupportedWithoutACall() {
        ComfyUiImageProvider provider = provider(List.of(), null);
        ProviderRequest withReferences = new ProviderRequest("default", "x", null, new ImageSize(512, 512), 1, 1L, null, null,
                null, Map.of(), "gen-11", null, List.of(new ProviderRequest.SourceImage(TestImages.png(8, 8, 0), "image/png")), null);

        assertThatThrownBy(() -> provider.generate(withReferences, new TestImages.RecordingContext()))
                .isInstanceOfSatisfying(ProviderException.NonRetriable.class, e -> {
                    assertThat(e.code()).isEqualTo("PROVIDER_UNSUPPORTED");
                    assertThat(e.getMessage()).contains("takes no reference images");
                });
        assertThat(fake.requests()).isEmpty();
    }

    private static byte[] jpeg(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    @Test
    void withoutAWebsocketTheHistoryPollFindsTheResult() throws Exception {
        pollInterval = Duration.ofMillis(100);
        ComfyUiImageProvider provider = provider(List.of(), null);
        socket = null;
        Thread.ofVirtual().start(() -> {
            awaitQuietly(() -> !fake.requests("POST", "/prompt").isEmpty());
            done.set(true);
        });

        ProviderResult result = provider.generate(request("default", 1), new TestImages.RecordingContext());

        assertThat(result.images()).hasSize(1);
        assertThat(fake.requests("GET", "/history/" + PROMPT_ID)).isNotEmpty();
    }

    @Test
    void aFewFailedHistoryPollsAreRidOutButAComfyThatStopsAnsweringFailsRetriablyAndCancelsThePrompt() throws Exception {
        pollInterval = Duration.ofMillis(20);
        ComfyUiImageProvider provider = provider(List.of(), null);
        socket = null;
        historyHiccups.set(3);
        done.set(true);
        assertThat(provider.generate(request("default", 1), new TestImages.RecordingContext()).images()).hasSize(1);

        historyHiccups.set(100);
        assertThatThrownBy(() -> provider.generate(request("default", 1), new TestImages.RecordingContext()))
                .isInstanceOfSatisfying(ProviderException.Retriable.class, e -> assertThat(e.code()).isEqualTo("PROVIDER_UNAVAILABLE"));
        assertThat(JSON.readTree(fake.requests("POST", "/queue").getFirst().body()).at("/delete/0").stringValue()).isEqualTo(PROMPT_ID);
    }

    @Test
    void anExecutionErrorFailsWithTheNodesException() {
        ComfyUiImageProvider provider = provider(List.of(), null);
        socket = ws -> {
            awaitQuietly(() -> !fake.requests("POST", "/prompt").isEmpty());
            ws.sendText("{\"type\":\"execution_error\",\"data\":{\"prompt_id\":\"" + PROMPT_ID + "\",\"node_id\":\"4\","
                    + "\"node_type\":\"CheckpointLoaderSimple\",\"executed\":[],\"exception_message\":\"checkpoint not found\","
                    + "\"exception_type\":\"FileNotFoundError\",\"traceback\":[],\"current_inputs\":{},\"current_outputs\":{}}}");
        };

        assertThatThrownBy(() -> provider.generate(request("default", 1), new TestImages.RecordingContext()))
                .isInstanceOfSatisfying(ProviderException.NonRetriable.class, e -> {
                    assertThat(e.code()).isEqualTo("PROVIDER_EXECUTION_FAILED");
                    assertThat(e.getMessage()).contains("node 4").contains("CheckpointLoaderSimple")
                            .contains("FileNotFoundError").contains("checkpoint not found");
                });
    }

    @Test
    void outOfMemoryIsRetriable() {
        ComfyUiImageProvider provider = provider(List.of(), null);
        socket = ws -> {
            awaitQuietly(() -> !fake.requests("POST", "/prompt").isEmpty());
            ws.sendText("{\"type\":\"execution_error\",\"data\":{\"prompt_id\":\"" + PROMPT_ID + "\",\"node_id\":\"3\","
                    + "\"node_type\":\"KSampler\",\"exception_message\":\"Allocation on device\","
                    + "\"exception_type\":\"torch.OutOfMemoryError\"}}");
        };

        assertThatThrownBy(() -> provider.generate(request("default", 1), new TestImages.RecordingContext()))
                .isInstanceOfSatisfying(ProviderException.Retriable.class, e -> assertThat(e.code()).isEqualTo("PROVIDER_UNAVAILABLE"));
    }

    @Test
    void anInvalidWorkflowIsABadRequestWithComfysMessage() {
        ComfyUiImageProvider provider = provider(List.of(), null);
        promptReply.set(Respond.json(400, "{\"error\":{\"type\":\"prompt_outputs_failed_validation\","
                + "\"message\":\"Prompt outputs failed validation\",\"details\":\"\",\"extra_info\":{}},"
                + "\"node_errors\":{\"4\":{\"errors\":[{\"type\":\"value_not_in_list\",\"message\":\"Value not in list\"}]}}}"));

        assertThatThrownBy(() -> provider.generate(request("default", 1), new TestImages.RecordingContext()))
                .isInstanceOfSatisfying(ProviderException.NonRetriable.class, e -> {
                    assertThat(e.code()).isEqualTo("PROVIDER_BAD_REQUEST");
                    assertThat(e.getMessage()).contains("HTTP 400").contains("Prompt outputs failed validation");
                });
    }

    @Test
    void cancelDeletesThePromptFromTheQueueAndInterruptsIt() throws Exception {
        ComfyUiImageProvider provider = provider(List.of(), null);
        socket = ws -> {
            awaitQuietly(() -> !fake.requests("POST", "/prompt").isEmpty());
            ws.sendText("{\"type\":\"progress\",\"data\":{\"value\":3,\"max\":20,\"prompt_id\":\"" + PROMPT_ID + "\",\"node\":\"3\"}}");
        };
        TestImages.RecordingContext context = new TestImages.RecordingContext() {
            @Override
            public void progress(Progress p) {
                super.progress(p);
                if (p.step() == 3) {
                    cancelled.set(true);
                }
            }
        };

        assertThatThrownBy(() -> provider.generate(request("default", 1), context)).isInstanceOf(ProviderException.Canceled.class);

        assertThat(JSON.readTree(fake.requests("POST", "/queue").getFirst().body()).at("/delete/0").stringValue()).isEqualTo(PROMPT_ID);
        assertThat(JSON.readTree(fake.requests("POST", "/interrupt").getFirst().body()).get("prompt_id").stringValue()).isEqualTo(PROMPT_ID);
        assertThat(fake.requests("GET", "/view")).isEmpty();
    }

    @Test
    void nodesMayBeNamedByTitleAndAWrongMappingFailsTheStart() {
        ComfyUiProperties byTitle = properties("http://127.0.0.1:1", List.of("a.safetensors"),
                new ComfyUiProperties.Nodes("Positive Prompt", "Negative Prompt", "KSampler", "Empty Latent Image", "Load Checkpoint", "Save Image",
                        null, null),
                pollInterval);
        WorkflowTemplate template = WorkflowTemplate.load(byTitle, new DefaultResourceLoader());
        JsonNode rendered = template.render(request("a.safetensors", 1), "a.safetensors");
        assertThat(rendered.at("/6/inputs/text").stringValue()).isEqualTo("a lighthouse at dusk");
        assertThat(rendered.at("/4/inputs/ckpt_name").stringValue()).isEqualTo("a.safetensors");
        assertThat(template.outputNode()).isEqualTo("9");

        ComfyUiProperties wrong = properties("http://127.0.0.1:1", List.of(),
                new ComfyUiProperties.Nodes("Prompt Box", null, null, null, null, null, null, null), pollInterval);
        assertThatThrownBy(() -> WorkflowTemplate.load(wrong, new DefaultResourceLoader()))
                .hasMessageContaining("atelier.providers.comfyui.nodes.prompt names no node of the workflow: Prompt Box");

        ComfyUiProperties notApiFormat = new ComfyUiProperties("http://127.0.0.1:1", null, "classpath:comfyui/nope.json", null,
                null, null, null, null, null, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> WorkflowTemplate.load(notApiFormat, new DefaultResourceLoader()))
                .hasMessageContaining("atelier.providers.comfyui.workflow cannot be read: classpath:comfyui/nope.json");
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
