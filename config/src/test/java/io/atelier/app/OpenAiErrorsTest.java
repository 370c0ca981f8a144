package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Bad input on every route of the OpenAI dialect, table-driven: each answers OpenAI's status and
 * error shape {@code {error:{message, type, param, code}}} naming the parameter, never a 500.
 */
class OpenAiErrorsTest extends OpenAiCompatTestSupport {

    private static final String GENERATIONS = "/v1/images/generations";
    private static final String EDITS = "/v1/images/edits";
    private static final String BAD = "invalid_request_error";

    enum Key { VALID, NONE, WRONG }

    /** One bad request and the error it must get; {@code param}/{@code code} null mean JSON null. */
    record Case(String name, String method, String path, Key key, Supplier<Body> body, int status, String type,
                String param, String code, String messageContains) {
    }

    record Body(String contentType, byte[] bytes) {
        static Body json(String json) {
            return new Body("application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        static Body form(MultipartBody form) {
            return new Body(form.contentType(), form.bytes());
        }
    }

    private static Case json(String name, String json, int status, String param, String code, String message) {
        return new Case(name, "POST", GENERATIONS, Key.VALID, () -> Body.json(json), status, BAD, param, code, message);
    }

    private static Case edit(String name, Supplier<MultipartBody> form, int status, String param, String code, String message) {
        return new Case(name, "POST", EDITS, Key.VALID, () -> Body.form(form.get()), status, BAD, param, code, message);
    }

    /** A valid edit form to spoil: a 64x64 PNG and a prompt. */
    private static MultipartBody editForm() {
        return new MultipartBody().file("image", "i.png", "image/png", png(64, 64, false)).field("prompt", "edit it");
    }

    /** A PNG signature and header followed by an ancillary chunk that makes it {@code size} bytes. */
    private static byte[] paddedPng(int size) {
        byte[] small = png(8, 8, true);
        byte[] out = Arrays.copyOf(small, size);
        return out;
    }

    private static final String LONG_PROMPT = "a".repeat(4001);

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // Keys, on every route.
        for (String[] route : new String[][]{{"POST", GENERATIONS}, {"POST", EDITS}, {"GET", "/v1/models"}, {"GET", "/v1/models/local/preview"}}) {
            Supplier<Body> body = route[0].equals("GET") ? () -> null : () -> Body.json("{\"prompt\":\"x\"}");
            cases.add(new Case("no key " + route[1], route[0], route[1], Key.NONE, body, 401, BAD, null, null, "You didn't provide an API key"));
            cases.add(new Case("wrong key " + route[1], route[0], route[1], Key.WRONG, body, 401, BAD, null, "invalid_api_key",
                    "Incorrect API key provided"));
        }
        // Generations: body and content type.
        cases.add(json("not JSON", "{not json", 400, null, "invalid_json", "could not parse the JSON body"));
        cases.add(json("JSON array", "[1,2]", 400, null, "invalid_json", "JSON object"));
        cases.add(json("JSON null", "null", 400, null, "invalid_json", "JSON object"));
        cases.add(new Case("no body", "POST", GENERATIONS, Key.VALID, () -> new Body("application/json", new byte[0]), 400, BAD,
                null, "invalid_json", "JSON object"));
        cases.add(new Case("form content type", "POST", GENERATIONS, Key.VALID,
                () -> new Body("application/x-www-form-urlencoded", "prompt=x".getBytes(StandardCharsets.UTF_8)), 400, BAD, null,
                "invalid_content_type", "application/json"));
        cases.add(new Case("text content type", "POST", GENERATIONS, Key.VALID,
                () -> new Body("text/plain", "x".getBytes(StandardCharsets.UTF_8)), 400, BAD, null, "invalid_content_type", "application/json"));
        // Generations: each parameter.
        cases.add(json("missing prompt", "{\"model\":\"gpt-image-1\"}", 400, "prompt", "missing_required_parameter",
                "Missing required parameter: 'prompt'."));
        cases.add(json("empty prompt", "{\"prompt\":\"\"}", 400, "prompt", "empty_string", "'prompt'"));
        cases.add(json("blank prompt", "{\"prompt\":\"   \"}", 400, "prompt", "empty_string", "'prompt'"));
        cases.add(json("prompt number", "{\"prompt\":123}", 400, "prompt", "invalid_type",
                "Invalid type for 'prompt': expected a string, but got an integer instead."));
        cases.add(json("prompt over 4000", "{\"prompt\":\"" + LONG_PROMPT + "\"}", 400, "prompt", "string_above_max_length",
                "maximum length 4000, but got a string with length 4001"));
        cases.add(json("unknown model", "{\"prompt\":\"x\",\"model\":\"dall-e-4\"}", 404, "model", "model_not_found",
                "The model 'dall-e-4' does not exist"));
        cases.add(json("catalog id in other case", "{\"prompt\":\"x\",\"model\":\"LOCAL/PREVIEW\"}", 404, "model", "model_not_found",
                "The model 'LOCAL/PREVIEW' does not exist"));
        cases.add(json("model number", "{\"prompt\":\"x\",\"model\":3}", 400, "model", "invalid_type", "expected a string"));
        cases.add(json("n zero", "{\"prompt\":\"x\",\"n\":0}", 400, "n", "integer_below_min_value", "Expected a value >= 1"));
        cases.add(json("n eleven", "{\"prompt\":\"x\",\"n\":11}", 400, "n", "integer_above_max_value", "Expected a value <= 10"));
        cases.add(json("n huge", "{\"prompt\":\"x\",\"n\":99999999999}", 400, "n", "integer_above_max_value", "between 1 and 10"));
        cases.add(json("n string", "{\"prompt\":\"x\",\"n\":\"2\"}", 400, "n", "invalid_type", "expected an integer, but got a string"));
        cases.add(json("n decimal", "{\"prompt\":\"x\",\"n\":1.5}", 400, "n", "invalid_type", "expected an integer, but got a decimal"));
        cases.add(json("n over the upstream model's maximum", "{\"prompt\":\"x\",\"n\":2,\"model\":\"upstream-dalle\"}", 400, "n",
                "integer_above_max_value", "at most 1 image(s)"));
        cases.add(json("size word", "{\"prompt\":\"x\",\"size\":\"big\"}", 400, "size", "invalid_value", "Invalid value: 'big'"));
        cases.add(json("size too large", "{\"prompt\":\"x\",\"size\":\"5000x5000\"}", 400, "size", "invalid_value", "4096"));
        cases.add(json("size zero", "{\"prompt\":\"x\",\"size\":\"0x1024\"}", 400, "size", "invalid_value", "'0x1024'"));
        cases.add(json("size upper X", "{\"prompt\":\"x\",\"size\":\"1024X1024\"}", 400, "size", "invalid_value", "'1024X1024'"));
        cases.add(json("size number", "{\"prompt\":\"x\",\"size\":1024}", 400, "size", "invalid_type", "expected a string"));
        cases.add(json("size not of a fixed-size model", "{\"prompt\":\"x\",\"size\":\"512x512\",\"model\":\"openai/gpt-image-1\"}", 400,
                "size", "invalid_value", "'1024x1024', '1536x1024', '1024x1536' and 'auto'"));
        cases.add(json("quality", "{\"prompt\":\"x\",\"quality\":\"ultra\"}", 400, "quality", "invalid_value",
                "Supported values are: 'standard', 'hd', 'low', 'medium', 'high' and 'auto'."));
        cases.add(json("response_format", "{\"prompt\":\"x\",\"response_format\":\"png\"}", 400, "response_format", "invalid_value",
                "'url' and 'b64_json'"));
        cases.add(json("style", "{\"prompt\":\"x\",\"style\":\"cartoon\"}", 400, "style", "invalid_value", "'vivid' and 'natural'"));
        cases.add(json("background", "{\"prompt\":\"x\",\"background\":\"green\"}", 400, "background", "invalid_value",
                "'transparent', 'opaque' and 'auto'"));
        cases.add(json("transparent on a model without it", "{\"prompt\":\"x\",\"background\":\"transparent\",\"model\":\"upstream-dalle\"}",
                400, "background", "unsupported_value", "cannot make transparent backgrounds"));
        cases.add(json("transparent jpeg", "{\"prompt\":\"x\",\"background\":\"transparent\",\"output_format\":\"jpeg\",\"model\":\"openai/gpt-image-1\"}",
                400, "background", "unsupported_value", "'png' or 'webp'"));
        cases.add(json("moderation", "{\"prompt\":\"x\",\"moderation\":\"high\"}", 400, "moderation", "invalid_value", "'low' and 'auto'"));
        cases.add(json("output_format", "{\"prompt\":\"x\",\"output_format\":\"gif\"}", 400, "output_format", "invalid_value",
                "'png', 'jpeg' and 'webp'"));
        cases.add(json("output_format a model cannot make", "{\"prompt\":\"x\",\"output_format\":\"jpeg\",\"model\":\"gpt-image-1\"}",
                400, "output_format", "unsupported_value", "makes 'png' images only"));
        cases.add(json("output_compression high", "{\"prompt\":\"x\",\"output_compression\":101}", 400, "output_compression",
                "integer_above_max_value", "<= 100"));
        cases.add(json("output_compression negative", "{\"prompt\":\"x\",\"output_compression\":-1}", 400, "output_compression",
                "integer_below_min_value", ">= 0"));
        cases.add(json("user number", "{\"prompt\":\"x\",\"user\":5}", 400, "user", "invalid_type", "expected a string"));
        cases.add(json("user too long", "{\"prompt\":\"x\",\"user\":\"" + "u".repeat(257) + "\"}", 400, "user",
                "string_above_max_length", "maximum length 256"));
        cases.add(json("safety_identifier too long", "{\"prompt\":\"x\",\"safety_identifier\":\"" + "s".repeat(257) + "\"}", 400,
                "safety_identifier", "string_above_max_length", "maximum length 256"));
        cases.add(json("stream", "{\"prompt\":\"x\",\"stream\":true}", 400, "stream", "unsupported_value", "Streaming is not supported"));
        cases.add(json("stream string", "{\"prompt\":\"x\",\"stream\":\"yes\"}", 400, "stream", "invalid_type", "expected a boolean"));
        cases.add(json("partial_images", "{\"prompt\":\"x\",\"partial_images\":4}", 400, "partial_images", "integer_above_max_value", "<= 3"));
        cases.add(json("unknown parameter", "{\"prompt\":\"x\",\"negative_prompt\":\"y\"}", 400, "negative_prompt", "unknown_parameter",
                "Unknown parameter: 'negative_prompt'."));
        cases.add(json("edit parameter on generations", "{\"prompt\":\"x\",\"input_fidelity\":\"high\"}", 400, "input_fidelity",
                "unknown_parameter", "Unknown parameter"));
        cases.add(new Case("GET generations", "GET", GENERATIONS, Key.VALID, () -> null, 405, BAD, null, "method_not_allowed", "use POST"));
        cases.add(new Case("DELETE edits", "DELETE", EDITS, Key.VALID, () -> null, 405, BAD, null, "method_not_allowed", "use POST"));
        // Edits.
        cases.add(new Case("edit as JSON", "POST", EDITS, Key.VALID, () -> Body.json("{\"prompt\":\"x\"}"), 400, BAD, null,
                "invalid_content_type", "multipart/form-data"));
        cases.add(new Case("broken multipart", "POST", EDITS, Key.VALID,
                () -> new Body("multipart/form-data; boundary=zzz", "--zzz\r\nnonsense".getBytes(StandardCharsets.UTF_8)), 400, BAD, null,
                "invalid_multipart", "multipart"));
        cases.add(edit("no image", () -> new MultipartBody().field("prompt", "x"), 400, "image", "missing_required_parameter",
                "Missing required parameter: 'image'."));
        cases.add(edit("image as a text URL", () -> new MultipartBody().field("image", "https://example.com/a.png").field("prompt", "x"),
                400, "image", "invalid_image_format", "unsupported image format"));
        cases.add(edit("image not an image", () -> new MultipartBody().file("image", "a.png", "image/png",
                "hello".getBytes(StandardCharsets.UTF_8)).field("prompt", "x"), 400, "image", "invalid_image_format",
                "'image/png', 'image/webp' and 'image/jpeg'"));
        cases.add(edit("image GIF", () -> new MultipartBody().file("image", "a.png", "image/png",
                encode(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "gif")).field("prompt", "x"), 400, "image",
                "invalid_image_format", "unsupported image format"));
        cases.add(edit("image empty", () -> new MultipartBody().file("image", "a.png", "image/png", new byte[0]).field("prompt", "x"),
                400, "image", "invalid_image", "empty"));
        cases.add(edit("17 images", () -> {
            MultipartBody form = new MultipartBody().field("prompt", "x");
            for (int i = 0; i < 17; i++) {
                form.file("image[]", i + ".png", "image/png", png(8, 8, false));
            }
            return form;
        }, 400, "image", "too_many_images", "at most 16"));
        cases.add(edit("mask JPEG", () -> editForm().file("mask", "m.jpg", "image/jpeg",
                encode(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "jpg")), 400, "mask", "invalid_image_format", "must be a PNG"));
        cases.add(edit("mask without alpha", () -> editForm().file("mask", "m.png", "image/png", png(64, 64, false)), 400, "mask",
                "invalid_image_format", "no alpha channel"));
        cases.add(edit("mask of another size", () -> editForm().file("mask", "m.png", "image/png", leftHalfMask(32, 64)), 400, "mask",
                "invalid_image_dimensions", "32x64 but the image is 64x64"));
        cases.add(edit("mask over 4MB", () -> editForm().file("mask", "m.png", "image/png", paddedPng(4 * 1024 * 1024 + 10)), 400,
                "mask", "image_too_large", "under 4MB"));
        cases.add(edit("two masks", () -> editForm().file("mask", "m.png", "image/png", leftHalfMask(64, 64))
                .file("mask", "n.png", "image/png", leftHalfMask(64, 64)), 400, "mask", "invalid_value", "one mask"));
        cases.add(edit("mask as text", () -> editForm().field("mask", "yes"), 400, "mask", "invalid_image_format", "must be a PNG"));
        cases.add(edit("unknown file", () -> editForm().file("reference", "r.png", "image/png", png(8, 8, false)), 400, "reference",
                "unknown_parameter", "Unknown parameter: 'reference'."));
        cases.add(edit("unknown field", () -> editForm().field("seed", "5"), 400, "seed", "unknown_parameter", "Unknown parameter"));
        cases.add(edit("svg on edits", () -> editForm().field("svg", "true"), 400, "svg", "unknown_parameter", "Unknown parameter"));
        cases.add(edit("edit style", () -> editForm().field("style", "cartoon"), 400, "style", "invalid_value", "'vivid' and 'natural'"));
        cases.add(edit("edit without prompt", () -> new MultipartBody().file("image", "i.png", "image/png", png(8, 8, false)), 400,
                "prompt", "missing_required_parameter", "'prompt'"));
        cases.add(edit("edit prompt over the model's limit", () -> new MultipartBody().file("image", "i.png", "image/png",
                png(8, 8, false)).field("prompt", LONG_PROMPT).field("model", "gpt-image-1"), 400, "prompt", "string_above_max_length",
                "maximum length 4000"));
        cases.add(edit("edit n not a number", () -> editForm().field("n", "two"), 400, "n", "invalid_type", "expected an integer"));
        cases.add(edit("edit n eleven", () -> editForm().field("n", "11"), 400, "n", "integer_above_max_value", "<= 10"));
        cases.add(edit("edit unknown model", () -> editForm().field("model", "gpt-image-7-all"), 404, "model", "model_not_found",
                "The model 'gpt-image-7-all' does not exist"));
        cases.add(edit("edit on a model without edits", () -> editForm().field("model", "upstream-dalle"), 400, "image",
                "invalid_value", "does not support edits"));
        cases.add(edit("edit size", () -> editForm().field("size", "huge"), 400, "size", "invalid_value", "'huge'"));
        cases.add(edit("edit quality", () -> editForm().field("quality", "best"), 400, "quality", "invalid_value", "'best'"));
        cases.add(edit("edit response_format", () -> editForm().field("response_format", "jpeg"), 400, "response_format",
                "invalid_value", "'url' and 'b64_json'"));
        cases.add(edit("edit input_fidelity", () -> editForm().field("input_fidelity", "max"), 400, "input_fidelity",
                "invalid_value", "'high' and 'low'"));
        cases.add(edit("edit stream", () -> editForm().field("stream", "maybe"), 400, "stream", "invalid_type", "boolean"));
        // Models.
        cases.add(new Case("unknown model id", "GET", "/v1/models/dall-e-4", Key.VALID, () -> null, 404, BAD, "model",
                "model_not_found", "The model 'dall-e-4' does not exist"));
        cases.add(new Case("unknown catalog-like id", "GET", "/v1/models/acme/nope", Key.VALID, () -> null, 404, BAD, "model",
                "model_not_found", "The model 'acme/nope' does not exist"));
        return cases;
    }

    @Test
    void everyBadInputGetsOpenAisErrorShape() {
        String key = newTeamKey("errors-" + UUID.randomUUID(), 10_000);
        SoftAssertions soft = new SoftAssertions();
        for (Case c : cases()) {
            String presented = switch (c.key()) {
                case VALID -> key;
                case NONE -> null;
                case WRONG -> "sk-wrong-0123456789abcdefghijklmnop";
            };
            Body body = c.body().get();
            ApiClient.Response r = new OpenAiHttp(port, presented).send(c.method(), c.path(),
                    body == null ? null : body.contentType(), body == null ? null : body.bytes(), Map.of());
            String text = new String(r.bytes(), StandardCharsets.UTF_8);
            soft.assertThat(r.status()).as(c.name() + ": " + text).isEqualTo(c.status());
            soft.assertThat(r.header("Content-Type")).as(c.name()).startsWith("application/json");
            JsonNode json;
            try {
                json = r.json();
            } catch (RuntimeException e) {
                soft.fail(c.name() + ": not JSON: " + text);
                continue;
            }
            JsonNode error = json.get("error");
            soft.assertThat(json.propertyNames()).as(c.name()).containsExactly("error");
            if (error == null) {
                continue;
            }
            soft.assertThat(error.propertyNames()).as(c.name()).containsExactlyInAnyOrder("message", "type", "param", "code");
            soft.assertThat(text(error, "type")).as(c.name() + " type").isEqualTo(c.type());
            soft.assertThat(text(error, "param")).as(c.name() + " param").isEqualTo(c.param());
            soft.assertThat(text(error, "code")).as(c.name() + " code").isEqualTo(c.code());
            soft.assertThat(text(error, "message")).as(c.name() + " message").contains(c.messageContains());
            if (c.key() == Key.WRONG) {
                soft.assertThat(text).as("the wrong key is not echoed whole").doesNotContain("0123456789abcdefghijklmnop");
            }
        }
        soft.assertAll();
    }

    /** A field's text; null for JSON null; "<missing>" when absent. */
    private static String text(JsonNode error, String field) {
        JsonNode v = error.get(field);
        if (v == null) {
            return "<missing>";
        }
        return v.isNull() ? null : v.asString();
    }

    @Test
    void anImageOverTheUploadLimitIs413() {
        String key = newTeamKey("big-" + UUID.randomUUID(), 100);
        byte[] big = paddedPng(25 * 1024 * 1024 + 64 * 1024);
        ApiClient.Response r = new OpenAiHttp(port, key).postMultipart(EDITS, new MultipartBody()
                .file("image", "big.png", "image/png", big).field("prompt", "too big"));
        assertThat(r.status()).as(new String(r.bytes())).isEqualTo(413);
        assertThat(r.json().has("error")).as(new String(r.bytes())).isTrue();
        assertThat(r.json().at("/error/code").stringValue()).isEqualTo("request_too_large");
        assertThat(r.json().at("/error/type").stringValue()).isEqualTo(BAD);
    }

    @Test
    void anEmptyTeamGetsOpenAisInsufficientQuota() {
        String key = newTeamKey("broke-" + UUID.randomUUID(), 0);
        ApiClient.Response r = new OpenAiHttp(port, key).postJson(GENERATIONS, "{\"prompt\":\"x\"}");
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.json().at("/error/type").stringValue()).isEqualTo("insufficient_quota");
        assertThat(r.json().at("/error/code").stringValue()).isEqualTo("insufficient_quota");
        assertThat(r.header("x-should-retry")).isEqualTo("false");
    }

    /** Keeps the helper honest: the padded PNG is a PNG by its bytes. */
    @Test
    void paddedPngsStartLikePngs() {
        ByteArrayOutputStream check = new ByteArrayOutputStream();
        check.writeBytes(paddedPng(100));
        assertThat(check.toByteArray()[1]).isEqualTo((byte) 'P');
    }
}
