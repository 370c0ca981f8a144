package io.atelier.bot.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.methods.response.files.FilesGetUploadURLExternalResponse;
import com.slack.api.methods.response.files.FilesInfoResponse;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.File;
import com.slack.api.model.Message;
import com.slack.api.model.User;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.webhook.WebhookResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Slack Web API calls the bot makes, with the bot token, through the official client
 * (base URL from {@code atelier.slack.api-url}).
 *
 * <p>Rate limits: {@code chat.postMessage} is spaced per channel ({@code post-interval}),
 * {@code chat.update} per workspace ({@code update-interval}, Tier 3); a 429 holds the method
 * back for its {@code Retry-After} and the call is tried again, as are 5xx answers and network
 * errors, up to {@code max-attempts} times; then a {@link SlackCallException} says whether a later
 * try may succeed (durable delivery reschedules itself then).
 *
 * <p>Threading: calls block (rate limits included); use from the bot's executor or jobs only.
 */
final class SlackWebApi {

    private static final Logger log = LoggerFactory.getLogger(SlackWebApi.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration USERGROUP_CACHE = Duration.ofMinutes(1);

    /**
     * The workspace the current work is for (set around each interaction, delivery and moderation
     * step by {@link #asTeam}): every call in it uses that workspace's bot token.
     */
    private static final ThreadLocal<String> TEAM = new ThreadLocal<>();

    private final Slack slack;
    private final SlackTokens tokens;
    private final SlackProperties properties;
    private final SlackRateLimits limits = new SlackRateLimits();
    private final HttpClient uploads = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, CachedMembers> groupMembers = new ConcurrentHashMap<>();

    SlackWebApi(Slack slack, SlackProperties properties, SlackTokens tokens) {
        this.slack = slack;
        this.tokens = tokens;
        this.properties = properties;
    }

    /** Runs {@code work} with the calls it makes on {@code teamId}'s token (null: the configured token). */
    static <T> T asTeam(String teamId, java.util.function.Supplier<T> work) {
        String before = TEAM.get();
        TEAM.set(teamId);
        try {
            return work.get();
        } finally {
            if (before == null) {
                TEAM.remove();
            } else {
                TEAM.set(before);
            }
        }
    }

    static void asTeam(String teamId, Runnable work) {
        asTeam(teamId, () -> {
            work.run();
            return null;
        });
    }

    /** The bot token of the current workspace (file downloads need it too). */
    String currentToken() {
        return tokens.tokenFor(TEAM.get());
    }

    private MethodsClient methods() {
        return slack.methods(currentToken());
    }

    /** Posts a message (in a thread when {@code threadTs} is set); returns its {@code ts}. */
    String postMessage(String channel, String threadTs, String text, List<LayoutBlock> blocks) {
        ChatPostMessageResponse r = call("chat.postMessage", "chat.postMessage:" + channel, properties.postInterval(),
                () -> methods().chatPostMessage(b -> b.channel(channel).threadTs(threadTs).text(text).blocks(blocks)
                        .unfurlLinks(false).unfurlMedia(false)));
        return r.getTs();
    }

    /** Replaces a message's text and blocks. */
    void updateMessage(String channel, String ts, String text, List<LayoutBlock> blocks) {
        call("chat.update", "chat.update", properties.updateInterval(),
                () -> methods().chatUpdate(b -> b.channel(channel).ts(ts).text(text).blocks(blocks)));
    }

    /** Deletes a message the bot posted. */
    void deleteMessage(String channel, String ts) {
        call("chat.delete", "chat.delete", properties.updateInterval(), () -> methods().chatDelete(b -> b.channel(channel).ts(ts)));
    }

    /**
     * Uploads a file into a channel (and thread) the current way: {@code files.getUploadURLExternal},
     * the bytes POSTed to the URL Slack returned, then {@code files.completeUploadExternal}.
     * Returns the file id (usable as {@code slack_file} in an image block). A null {@code channel}
     * shares the file nowhere (the app can still show it in its own messages' blocks).
     */
    String uploadFile(String channel, String threadTs, String filename, String title, byte[] bytes) {
        FilesGetUploadURLExternalResponse target = call("files.getUploadURLExternal", "files.getUploadURLExternal",
                Duration.ofMillis(100), () -> methods().filesGetUploadURLExternal(b -> b.filename(filename).length(bytes.length)
                        .altTxt(title)));
        postUpload(target.getUploadUrl(), bytes);
        call("files.completeUploadExternal", "files.completeUploadExternal", Duration.ofMillis(100),
                () -> methods().filesCompleteUploadExternal(b -> b.channelId(channel).threadTs(threadTs)
                        .files(List.of(FilesCompleteUploadExternalRequest.FileDetails.builder()
                                .id(target.getFileId()).title(title).build()))));
        return target.getFileId();
    }

    /**
     * Step two of an upload. The URL is the one {@code files.getUploadURLExternal} just returned
     * (Slack's, not user input), so it is used as given.
     */
    private void postUpload(String uploadUrl, byte[] bytes) {
        if (uploadUrl == null || !(uploadUrl.startsWith("https://") || uploadUrl.startsWith("http://"))) {
            throw new SlackCallException("files.upload", "Slack returned no usable upload URL", false, null, null);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(uploadUrl))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = uploads.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                boolean retriable = response.statusCode() == 429 || response.statusCode() >= 500;
                if (!retriable || attempt >= properties.maxAttempts()) {
                    throw new SlackCallException("files.upload", "HTTP " + response.statusCode(), retriable, null, null);
                }
            } catch (IOException e) {
                if (attempt >= properties.maxAttempts()) {
                    throw new SlackCallException("files.upload", e.toString(), true, null, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SlackCallException("files.upload", "interrupted", true, null, e);
            }
            backoff(attempt);
        }
    }

    /**
     * The files already shared in a message's thread ({@code conversations.replies}, Tier 3), by file
     * name: how a delivery that may have been cut off between an upload and recording it finds what
     * it uploaded instead of uploading again. Reads at most the thread's first 200 replies. Needs
     * {@code channels:history} (and {@code groups:history} in private channels): without it, or when
     * Slack refuses for good, the answer is empty and the caller uploads again (at worst a second
     * copy in the thread, as before this lookup existed); transient failures are thrown for a retry.
     */
    Map<String, String> filesInThread(String channel, String threadTs) {
        ConversationsRepliesResponse r;
        try {
            r = call("conversations.replies", "conversations.replies", Duration.ofMillis(100),
                    () -> methods().conversationsReplies(b -> b.channel(channel).ts(threadTs).limit(200)));
        } catch (SlackCallException e) {
            if (e.retriable()) {
                throw e;
            }
            log.info("cannot read the thread {} in {} to find earlier uploads ({}); uploading again", threadTs, channel, e.error());
            return Map.of();
        }
        Map<String, String> byName = new HashMap<>();
        if (r.getMessages() != null) {
            for (Message message : r.getMessages()) {
                if (message.getFiles() != null) {
                    for (File file : message.getFiles()) {
                        if (file.getName() != null && file.getId() != null) {
                            byName.putIfAbsent(file.getName(), file.getId());
                        }
                    }
                }
            }
        }
        return byName;
    }

    /** A file's metadata ({@code files.info}): where to download it and what it is. */
    File fileInfo(String fileId) {
        FilesInfoResponse r = call("files.info", "files.info", Duration.ofMillis(100), () -> methods().filesInfo(b -> b.file(fileId)));
        return r.getFile();
    }

    void openView(String triggerId, View view) {
        call("views.open", "views.open", Duration.ZERO, () -> methods().viewsOpen(b -> b.triggerId(triggerId).view(view)));
    }

    void publishHome(String userId, View view) {
        call("views.publish", "views.publish", Duration.ofMillis(100), () -> methods().viewsPublish(b -> b.userId(userId).view(view)));
    }

    /** Whether a user is an admin or owner of the current workspace ({@code users.info}, scope {@code users:read}). */
    boolean isWorkspaceAdmin(String userId) {
        UsersInfoResponse r = call("users.info", "users.info", Duration.ofMillis(100), () -> methods().usersInfo(b -> b.user(userId)));
        User user = r.getUser();
        return user != null && (user.isAdmin() || user.isOwner() || user.isPrimaryOwner());
    }

    /** Members of a user group (cached for a minute: Tier 2). */
    Set<String> userGroupMembers(String groupId) {
        CachedMembers cached = groupMembers.get(groupId);
        if (cached != null && System.nanoTime() - cached.at() < USERGROUP_CACHE.toNanos()) {
            return cached.members();
        }
        UsergroupsUsersListResponse r = call("usergroups.users.list", "usergroups.users.list", Duration.ZERO,
                () -> methods().usergroupsUsersList(b -> b.usergroup(groupId)));
        Set<String> members = r.getUsers() == null ? Set.of() : Set.copyOf(r.getUsers());
        groupMembers.put(groupId, new CachedMembers(members, System.nanoTime()));
        return members;
    }

    /**
     * An ephemeral reply through the interaction's {@code response_url} (only the user sees it).
     * The URL comes from a verified Slack payload; it must be Slack's hooks host or the configured
     * API host (a test double), nothing else.
     */
    void respondEphemeral(String responseUrl, String text) {
        respondEphemeral(responseUrl, text, null);
    }

    /** An ephemeral reply with blocks (buttons work in it like in any message of the app). */
    void respondEphemeral(String responseUrl, String text, List<LayoutBlock> blocks) {
        if (responseUrl == null || !trustedResponseUrl(responseUrl)) {
            log.warn("Slack ephemeral reply dropped: response_url is not a Slack URL");
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("response_type", "ephemeral");
        body.put("replace_original", false);
        body.put("text", text);
        if (blocks != null) {
            body.set("blocks", JSON.readTree(com.slack.api.util.json.GsonFactory.createSnakeCase().toJson(blocks)));
        }
        try {
            WebhookResponse r = slack.send(responseUrl, JSON.writeValueAsString(body));
            if (r.getCode() != 200) {
                log.warn("Slack response_url answered {}", r.getCode());
            }
        } catch (IOException e) {
            log.warn("Slack response_url unreachable: {}", e.toString());
        }
    }

    boolean trustedResponseUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if ("https".equals(uri.getScheme()) && "hooks.slack.com".equals(uri.getHost())) {
            return true;
        }
        URI api = properties.apiUrl();
        return uri.getHost() != null && api.getScheme().equals(uri.getScheme())
                && uri.getHost().toLowerCase(Locale.ROOT).equals(api.getHost().toLowerCase(Locale.ROOT))
                && uri.getPort() == api.getPort();
    }

    private <T extends SlackApiTextResponse> T call(String method, String limitKey, Duration interval, SlackCall<T> call) {
        // Rate limits are per workspace: two workspaces never wait for each other.
        String team = TEAM.get();
        limitKey = team == null ? limitKey : team + ":" + limitKey;
        for (int attempt = 1; ; attempt++) {
            Duration retryAfter = null;
            String error;
            try {
                limits.acquire(limitKey, interval);
                T response = call.run();
                if (response.isOk()) {
                    return response;
                }
                error = response.getError();
                if (!"ratelimited".equals(error)) {
                    throw new SlackCallException(method, error, false, null, null);
                }
            } catch (SlackApiException e) {
                int status = e.getResponse().code();
                error = "HTTP " + status;
                if (status == 429) {
                    retryAfter = retryAfter(e.getResponse().header("Retry-After"));
                    limits.holdBack(limitKey, retryAfter);
                    log.info("Slack {} rate limited: retrying after {}", method, retryAfter);
                } else if (status < 500) {
                    throw new SlackCallException(method, error, false, null, e);
                }
            } catch (IOException e) {
                error = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SlackCallException(method, "interrupted", true, null, e);
            }
            if (attempt >= properties.maxAttempts()) {
                throw new SlackCallException(method, error, true, retryAfter, null);
            }
            if (retryAfter == null) {
                backoff(attempt);
            }
        }
    }

    private static Duration retryAfter(String header) {
        try {
            long seconds = Long.parseLong(header == null ? "" : header.trim());
            return Duration.ofSeconds(Math.clamp(seconds, 1, 300));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(Math.min(5_000L, 250L << Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackCallException("backoff", "interrupted", true, null, e);
        }
    }

    @FunctionalInterface
    private interface SlackCall<T> {
        T run() throws IOException, SlackApiException;
    }

    private record CachedMembers(Set<String> members, long at) {
    }
}
