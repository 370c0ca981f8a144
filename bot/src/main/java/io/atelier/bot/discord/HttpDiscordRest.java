package io.atelier.bot.discord;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import net.dv8tion.jda.api.exceptions.ParsingException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.utils.AttachedFile;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * {@link DiscordRest} over plain HTTP with the bot token, for instances without a gateway session
 * (not the gateway leader): Discord's REST API needs no gateway connection. Payloads are JDA's own
 * ({@code MessageCreateData/MessageEditData.toData()}, files as JDA builds its multipart bodies), so
 * messages look the same as through {@link JdaDiscordRest}. A 429 comes back as
 * {@link DiscordCallException.Kind#RATE_LIMITED} with Discord's {@code retry_after} (the durable
 * delivery reschedules itself); other errors are classified as in {@link JdaDiscordRest#classify}.
 *
 * <p>The application id (for interaction webhooks) is the bot user's id ({@code GET /users/@me}),
 * read once; Discord gives bot users their application's id. Thread-safe; calls block up to
 * {@link JdaDiscordRest#TIMEOUT}.
 */
final class HttpDiscordRest implements DiscordRest {

    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient http;
    private final String baseUrl;
    private final String token;
    private volatile String applicationId;

    HttpDiscordRest(String apiBaseUrl, String token) {
        this.baseUrl = apiBaseUrl.endsWith("/") ? apiBaseUrl : apiBaseUrl + "/";
        this.token = Objects.requireNonNull(token, "token");
        this.http = new OkHttpClient.Builder().callTimeout(JdaDiscordRest.TIMEOUT).build();
    }

    @Override
    public String editOriginal(String interactionToken, MessageEditData data) {
        return call("PATCH", "webhooks/" + applicationId() + "/" + interactionToken + "/messages/@original",
                body(data.toData(), data.getFiles()), true).getString("id", null);
    }

    @Override
    public String sendToChannel(String channelId, MessageCreateData data) {
        return call("POST", "channels/" + channelId + "/messages", body(data.toData(), data.getFiles()), false).getString("id");
    }

    @Override
    public void editInChannel(String channelId, String messageId, MessageEditData data) {
        call("PATCH", "channels/" + channelId + "/messages/" + messageId, body(data.toData(), data.getFiles()), false);
    }

    @Override
    public Sent sendDirect(String userId, MessageCreateData data) {
        DataObject dm = call("POST", "users/@me/channels",
                RequestBody.create(DataObject.empty().put("recipient_id", userId).toString(), JSON), false);
        String channelId = dm.getString("id");
        return new Sent(channelId, sendToChannel(channelId, data));
    }

    private String applicationId() {
        String id = applicationId;
        if (id == null) {
            id = call("GET", "users/@me", null, false).getString("id");
            applicationId = id;
        }
        return id;
    }

    private static RequestBody body(DataObject json, List<FileUpload> files) {
        if (files.isEmpty()) {
            return RequestBody.create(json.toString(), JSON);
        }
        return AttachedFile.createMultipartBody(files, json).build();
    }

    private DataObject call(String method, String path, RequestBody body, boolean webhook) {
        Request.Builder request = new Request.Builder().url(baseUrl + path).method(method, body)
                .header("User-Agent", "DiscordBot (https://github.com/atelier, 1) Atelier");
        if (!webhook) {
            request.header("Authorization", "Bot " + token);
        }
        try (Response response = http.newCall(request.build()).execute()) {
            ResponseBody responseBody = response.body();
            String text = responseBody == null ? "" : responseBody.string();
            DataObject json = parse(text);
            if (response.isSuccessful()) {
                return json;
            }
            int status = response.code();
            if (status == 429) {
                double seconds = json.getDouble("retry_after", 1.0);
                return throwing(new DiscordCallException(DiscordCallException.Kind.RATE_LIMITED, "rate limited",
                        Duration.ofMillis((long) Math.ceil(seconds * 1000))));
            }
            int code = json.getInt("code", 0);
            ErrorResponse error = code == 0 ? null : ErrorResponse.fromCode(code);
            String message = "HTTP " + status + " " + code + " " + json.getString("message", "");
            return throwing(JdaDiscordRest.classify(status, error, status >= 500, message, webhook));
        } catch (IOException e) {
            throw new DiscordCallException(DiscordCallException.Kind.TRANSIENT, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static DataObject parse(String text) {
        if (text.isBlank()) {
            return DataObject.empty();
        }
        try {
            return DataObject.fromJson(text);
        } catch (ParsingException notAnObject) {
            return DataObject.empty();
        }
    }

    private static DataObject throwing(DiscordCallException e) {
        throw e;
    }

    /** Releases the HTTP client's threads and connections. */
    void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
