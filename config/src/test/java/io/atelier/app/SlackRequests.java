package io.atelier.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Slack's requests to the app, built and signed the way Slack does (form bodies, {@code payload=} JSON, v0 signatures). */
final class SlackRequests {

    static final String FORM = "application/x-www-form-urlencoded";
    static final String JSON_TYPE = "application/json";
    static final String WORKSPACE = "T0001";
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SlackRequests() {
    }

    /** An HTTP answer from /slack/events. */
    record Answer(int status, String body) {
    }

    static Answer post(int port, String body, String contentType, String timestamp, String signature,
                       Map<String, String> extraHeaders) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (timestamp != null) {
            b.header("X-Slack-Request-Timestamp", timestamp);
        }
        if (signature != null) {
            b.header("X-Slack-Signature", signature);
        }
        extraHeaders.forEach(b::header);
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Answer postSigned(int port, String secret, String body, String contentType, Map<String, String> extraHeaders) {
        long ts = now();
        return post(port, body, contentType, Long.toString(ts), sign(secret, ts, body), extraHeaders);
    }

    static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    /** A slash command as Slack sends it (form-encoded). */
    static String slashCommand(String user, String channel, String text, String triggerId, String responseUrl) {
        return slashCommand("/imagine", user, channel, text, triggerId, responseUrl);
    }

    static String slashCommand(String command, String user, String channel, String text, String triggerId, String responseUrl) {
        return slashCommandIn(WORKSPACE, command, user, channel, text, triggerId, responseUrl);
    }

    /** A slash command from another workspace. */
    static String slashCommandIn(String team, String command, String user, String channel, String text, String triggerId,
                                 String responseUrl) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("token", "legacy-verification-token");
        f.put("team_id", team);
        f.put("team_domain", "atelier-test");
        f.put("channel_id", channel);
        f.put("channel_name", "art");
        f.put("user_id", user);
        f.put("user_name", "user-" + user.toLowerCase());
        f.put("command", command);
        f.put("text", text);
        f.put("api_app_id", "A0001");
        f.put("is_enterprise_install", "false");
        f.put("response_url", responseUrl);
        f.put("trigger_id", triggerId);
        return form(f);
    }

    /** A button click ({@code block_actions}) as Slack sends it: {@code payload=<json>}. */
    static String blockAction(String user, String channel, String messageTs, String actionId, String value, String triggerId,
                              String responseUrl) {
        ObjectNode p = JSON.createObjectNode();
        p.put("type", "block_actions");
        p.putObject("team").put("id", WORKSPACE).put("domain", "atelier-test");
        p.putObject("user").put("id", user).put("username", "user-" + user.toLowerCase()).put("team_id", WORKSPACE);
        p.put("api_app_id", "A0001");
        p.put("token", "legacy-verification-token");
        p.putObject("container").put("type", "message").put("message_ts", messageTs).put("channel_id", channel)
                .put("is_ephemeral", false);
        p.put("trigger_id", triggerId);
        p.putObject("channel").put("id", channel).put("name", "art");
        p.putObject("message").put("type", "message").put("ts", messageTs).put("text", "Done");
        p.put("response_url", responseUrl);
        ObjectNode action = p.putArray("actions").addObject();
        action.put("action_id", actionId);
        action.put("block_id", "atelier_result");
        action.putObject("text").put("type", "plain_text").put("text", "button");
        action.put("value", value);
        action.put("type", "button");
        action.put("action_ts", Long.toString(now()) + ".000100");
        return form(Map.of("payload", JSON.writeValueAsString(p)));
    }

    /** A choice in a menu ({@code static_select} in {@code block_actions}): the selected option's value. */
    static String menuAction(String user, String channel, String messageTs, String actionId, String selected, String triggerId,
                             String responseUrl) {
        ObjectNode p = (ObjectNode) JSON.readTree(URLDecoder.decode(
                blockAction(user, channel, messageTs, actionId, "x", triggerId, responseUrl).substring("payload=".length()),
                StandardCharsets.UTF_8));
        ObjectNode action = (ObjectNode) p.get("actions").get(0);
        action.remove("value");
        action.put("type", "static_select");
        action.putObject("selected_option").put("value", selected).putObject("text").put("type", "plain_text").put("text", selected);
        return form(Map.of("payload", JSON.writeValueAsString(p)));
    }

    /** The /imagine modal submitted ({@code view_submission}), with the given input values. */
    static String viewSubmission(String user, String viewId, String privateMetadata, Map<String, String> textInputs,
                                 Map<String, String> selects, boolean enhance, boolean publicRequested) {
        ObjectNode p = JSON.createObjectNode();
        p.put("type", "view_submission");
        p.putObject("team").put("id", WORKSPACE).put("domain", "atelier-test");
        p.putObject("user").put("id", user).put("username", "user-" + user.toLowerCase()).put("team_id", WORKSPACE);
        p.put("api_app_id", "A0001");
        p.put("token", "legacy-verification-token");
        p.put("trigger_id", UUID.randomUUID().toString());
        ObjectNode view = p.putObject("view");
        view.put("id", viewId);
        view.put("team_id", WORKSPACE);
        view.put("type", "modal");
        view.put("callback_id", "atelier_imagine_modal");
        view.put("private_metadata", privateMetadata);
        view.put("hash", "1700000000.abcdef");
        ObjectNode values = view.putObject("state").putObject("values");
        textInputs.forEach((block, value) -> values.putObject(block).putObject(block)
                .put("type", "plain_text_input").put("value", value));
        selects.forEach((block, value) -> values.putObject(block).putObject(block).put("type", "static_select")
                .putObject("selected_option").put("value", value).putObject("text").put("type", "plain_text").put("text", value));
        ObjectNode options = values.putObject("options").putObject("options");
        options.put("type", "checkboxes");
        ArrayNode selected = options.putArray("selected_options");
        if (enhance) {
            selected.addObject().put("value", "enhance").putObject("text").put("type", "plain_text").put("text", "Enhance");
        }
        if (publicRequested) {
            selected.addObject().put("value", "public").putObject("text").put("type", "plain_text").put("text", "Public");
        }
        p.putArray("response_urls");
        return form(Map.of("payload", JSON.writeValueAsString(p)));
    }

    /**
     * A form submitted ({@code view_submission} of {@code callbackId}): text inputs and file inputs
     * (Slack's file objects) by block id, as Slack sends them.
     */
    static String formSubmission(String user, String callbackId, String privateMetadata, Map<String, String> textInputs,
                                 Map<String, List<JsonNode>> fileInputs) {
        ObjectNode p = JSON.createObjectNode();
        p.put("type", "view_submission");
        p.putObject("team").put("id", WORKSPACE).put("domain", "atelier-test");
        p.putObject("user").put("id", user).put("username", "user-" + user.toLowerCase()).put("team_id", WORKSPACE);
        p.put("api_app_id", "A0001");
        p.put("token", "legacy-verification-token");
        p.put("trigger_id", UUID.randomUUID().toString());
        ObjectNode view = p.putObject("view");
        view.put("id", "V" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase());
        view.put("team_id", WORKSPACE);
        view.put("type", "modal");
        view.put("callback_id", callbackId);
        view.put("private_metadata", privateMetadata);
        view.put("hash", "1700000000.abcdef");
        ObjectNode values = view.putObject("state").putObject("values");
        textInputs.forEach((block, value) -> values.putObject(block).putObject(block)
                .put("type", "plain_text_input").put("value", value));
        fileInputs.forEach((block, files) -> {
            ArrayNode list = values.putObject(block).putObject(block).put("type", "file_input").putArray("files");
            files.forEach(list::add);
        });
        p.putArray("response_urls");
        return form(Map.of("payload", JSON.writeValueAsString(p)));
    }

    static String form(Map<String, String> fields) {
        StringJoiner j = new StringJoiner("&");
        fields.forEach((k, v) -> j.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return j.toString();
    }


    /** An Events API callback: {@code app_uninstalled} from a workspace. */
    static String appUninstalled(String team, String eventId) {
        ObjectNode p = JSON.createObjectNode();
        p.put("token", "legacy-verification-token");
        p.put("team_id", team);
        p.put("api_app_id", "A0001");
        p.putObject("event").put("type", "app_uninstalled").put("event_ts", now() + ".000300");
        p.put("type", "event_callback");
        p.put("event_id", eventId);
        p.put("event_time", now());
        return JSON.writeValueAsString(p);
    }

    /** An Events API callback ({@code app_home_opened} on the Home tab). */
    static String appHomeOpened(String user, String eventId) {
        ObjectNode p = JSON.createObjectNode();
        p.put("token", "legacy-verification-token");
        p.put("team_id", WORKSPACE);
        p.put("api_app_id", "A0001");
        ObjectNode event = p.putObject("event");
        event.put("type", "app_home_opened");
        event.put("user", user);
        event.put("channel", "D0001");
        event.put("tab", "home");
        event.put("event_ts", now() + ".000200");
        p.put("type", "event_callback");
        p.put("event_id", eventId);
        p.put("event_time", now());
        return JSON.writeValueAsString(p);
    }

    /** An Events API callback: {@code app_mention} ({@code <@bot> text}) in a channel, optionally in a thread. */
    static String appMention(String user, String channel, String text, String ts, String threadTs, String eventId) {
        ObjectNode p = JSON.createObjectNode();
        p.put("token", "legacy-verification-token");
        p.put("team_id", WORKSPACE);
        p.put("api_app_id", "A0001");
        ObjectNode event = p.putObject("event");
        event.put("type", "app_mention");
        event.put("user", user);
        event.put("text", text);
        event.put("ts", ts);
        if (threadTs != null) {
            event.put("thread_ts", threadTs);
        }
        event.put("channel", channel);
        event.put("event_ts", ts);
        p.put("type", "event_callback");
        p.put("event_id", eventId);
        p.put("event_time", now());
        return JSON.writeValueAsString(p);
    }
}
