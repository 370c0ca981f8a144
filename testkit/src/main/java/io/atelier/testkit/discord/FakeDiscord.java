package io.atelier.testkit.discord;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A local stand-in for Discord, speaking its wire format (API v10) on loopback, for driving the
 * real JDA client in the end-to-end tests and the Discord benchmark: REST routes
 * ({@link FakeDiscordRest}) and a gateway websocket ({@link FakeDiscordGateway}) that sends the
 * INTERACTION_CREATE dispatches built here. Every REST request is recorded, with the time it
 * arrived, for assertions; each interaction's dispatch time is kept for latency measurements.
 *
 * <p>Failure injection: {@link #failNext} answers the next request matching a method and path
 * pattern with a given status and Discord error body.
 */
public final class FakeDiscord implements AutoCloseable {

    public static final String APP_ID = "1100000000000000001";
    public static final String GUILD_ID = "1200000000000000002";
    public static final String CHANNEL_ID = "1300000000000000003";
    public static final long DISCORD_EPOCH = 1420070400000L;
    /** MANAGE_MESSAGES (1 << 13). */
    public static final String MANAGE_MESSAGES = "8192";

    /** An interaction sent through the gateway. */
    public record Interaction(String id, String token, Instant at) {
    }

    private final FakeDiscordObjects objects = new FakeDiscordObjects();
    private final FakeDiscordGateway gateway;
    private final FakeDiscordRest rest;
    private final Map<String, Long> dispatchedAt = new ConcurrentHashMap<>();

    public FakeDiscord() throws IOException, InterruptedException {
        gateway = new FakeDiscordGateway(objects);
        gateway.startAndWait();
        rest = new FakeDiscordRest(objects, gateway::url);
    }

    public String apiBaseUrl() {
        return rest.baseUrl() + "/api/v10/";
    }

    public String gatewayUrl() {
        return gateway.url();
    }

    public List<FakeDiscordRequest> requests() {
        return rest.requests();
    }

    public List<FakeDiscordRequest> requests(String method, String pathRegex) {
        Pattern p = Pattern.compile(pathRegex);
        return rest.requests().stream().filter(r -> r.method().equals(method) && p.matcher(r.path()).matches()).toList();
    }

    /** Waits until a request matching method, path pattern and predicate arrived; returns the first such. */
    public FakeDiscordRequest await(String method, String pathRegex, Predicate<FakeDiscordRequest> matching,
                                    Duration timeout) {
        return rest.await(method, pathRegex, matching, timeout);
    }

    /**
     * Waits until a request with exactly this method and path (no pattern) arrived and matches;
     * returns the first such, without polling (for waiting on many requests at little CPU).
     */
    public FakeDiscordRequest awaitExact(String method, String path, Predicate<FakeDiscordRequest> matching,
                                         Duration timeout) throws InterruptedException {
        return rest.awaitExact(method, path, matching, timeout);
    }

    public void failNext(String method, String pathRegex, int status, String body, Map<String, String> headers) {
        rest.failNext(method, pathRegex, r -> true, status, body, headers);
    }

    /** The next request of this method and path that also matches {@code when} (e.g. carries a PNG) fails so. */
    public void failNextMatching(String method, String pathRegex, Predicate<FakeDiscordRequest> when, int status,
                                 String body) {
        rest.failNext(method, pathRegex, when, status, body, Map.of());
    }

    /** Waits until a bot session identified and got READY (counting sessions since the last {@link #expectNewSession}). */
    public void awaitReady(Duration timeout) throws InterruptedException {
        gateway.awaitReady(timeout);
    }

    /** Expects a new session (after a restart of the bot). */
    public void expectNewSession() {
        gateway.expectNewSession();
    }

    public int identifies() {
        return gateway.identifies();
    }

    /** A snowflake of {@code at} (its timestamp is what JDA reads as the interaction's creation time). */
    public String snowflake(Instant at) {
        return objects.snowflake(at);
    }

    /** Sends {@code /name options} from {@code userId} in the guild channel; {@code options} as Discord sends them. */
    public Interaction slashCommand(String name, List<Map<String, Object>> options, String userId, String permissions) {
        return slashCommandAt(name, options, userId, permissions, Instant.now());
    }

    public Interaction slashCommandAt(String name, List<Map<String, Object>> options, String userId, String permissions,
                                      Instant at) {
        return slashCommand(name, options, userId, permissions, at, List.of());
    }

    /**
     * {@code /name} with attachment options: each option of type 11 names one of {@code resolved}
     * (see {@link #attachment}) by id, and the attachments travel in {@code data.resolved.attachments}
     * as Discord sends them.
     */
    public Interaction slashCommand(String name, List<Map<String, Object>> options, String userId, String permissions,
                                    List<Map<String, Object>> resolved) {
        return slashCommand(name, options, userId, permissions, Instant.now(), resolved);
    }

    private Interaction slashCommand(String name, List<Map<String, Object>> options, String userId, String permissions,
                                     Instant at, List<Map<String, Object>> resolved) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", "1400000000000000004");
        data.put("name", name);
        data.put("type", 1);
        data.put("options", options);
        if (!resolved.isEmpty()) {
            Map<String, Object> byId = new LinkedHashMap<>();
            resolved.forEach(a -> byId.put((String) a.get("id"), a));
            data.put("resolved", Map.of("attachments", byId));
        }
        return interaction(2, data, null, userId, permissions, at);
    }

    /**
     * An uploaded attachment as Discord resolves it for a command ({@code id, filename, size, url,
     * proxy_url, content_type, width, height}); its bytes are served at its {@code url} on this fake,
     * as Discord's CDN serves them (no credentials).
     */
    public Map<String, Object> attachment(String filename, String contentType, byte[] bytes, Integer width,
                                          Integer height) {
        String id = objects.snowflake(Instant.now());
        String url = rest.serveAttachment(id, filename, contentType, bytes);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", id);
        a.put("filename", filename);
        a.put("size", bytes.length);
        a.put("url", url);
        a.put("proxy_url", url);
        a.put("content_type", contentType);
        a.put("width", width);
        a.put("height", height);
        a.put("ephemeral", false);
        a.put("flags", 0);
        return a;
    }

    /** Requests for attachment files (the bot downloading what users attached). */
    public List<FakeDiscordRequest> attachmentDownloads() {
        return rest.requests().stream().filter(r -> r.path().startsWith("/attachments/")).toList();
    }

    /** Clicks a button with {@code customId} on a message the bot sent. */
    public Interaction button(String customId, String messageId, String userId, String permissions) {
        return button(customId, messageId, userId, permissions, List.of());
    }

    /**
     * Clicks a button on a message the bot sent with these embeds (as the bot's last edit set them);
     * Discord returns them with their {@code type} ({@code rich}), which the bot's edits leave out.
     */
    @SuppressWarnings("unchecked")
    public Interaction button(String customId, String messageId, String userId, String permissions, List<Object> embeds) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("custom_id", customId);
        data.put("component_type", 2);
        List<Object> typed = new ArrayList<>();
        for (Object embed : embeds) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) embed);
            copy.putIfAbsent("type", "rich");
            typed.add(copy);
        }
        return interaction(3, data, FakeDiscordObjects.message(messageId, "", typed), userId, permissions, Instant.now());
    }

    /**
     * Submits the modal {@code customId} (MODAL_SUBMIT, type 5) as sent after a button on the message
     * {@code messageId}; {@code components} in Discord's shape for labelled inputs ({@link #labelled}).
     */
    public Interaction modalSubmit(String customId, List<Map<String, Object>> components, String messageId, String userId,
                                   String permissions) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("custom_id", customId);
        data.put("components", List.copyOf(components));
        return interaction(5, data, FakeDiscordObjects.message(messageId, "", List.of()), userId, permissions,
                Instant.now());
    }

    /** A submitted modal input inside its label (component type 18). */
    public static Map<String, Object> labelled(int id, Map<String, Object> component) {
        return Map.of("type", 18, "id", id, "component", component);
    }

    /** A command option as Discord sends it. */
    public static Map<String, Object> option(String name, int type, Object value) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", name);
        o.put("type", type);
        o.put("value", value);
        return o;
    }

    /** A user object as Discord sends it. */
    public static Map<String, Object> user(String id, String name) {
        return FakeDiscordObjects.user(id, name);
    }

    private Interaction interaction(int type, Map<String, Object> data, Map<String, Object> message, String userId,
                                    String permissions, Instant at) {
        String id = objects.snowflake(at);
        String token = "aW50ZXJhY3Rpb24" + id + "tok";
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", id);
        d.put("application_id", APP_ID);
        d.put("type", type);
        d.put("version", 1);
        d.put("token", token);
        d.put("guild_id", GUILD_ID);
        d.put("guild", Map.of("id", GUILD_ID, "locale", "en-US", "features", List.of()));
        d.put("channel_id", CHANNEL_ID);
        d.put("channel", FakeDiscordObjects.channel());
        d.put("member", FakeDiscordObjects.member(userId, permissions));
        d.put("data", data);
        if (message != null) {
            d.put("message", message);
        }
        d.put("locale", "en-US");
        d.put("guild_locale", "en-US");
        d.put("app_permissions", "2248473465835073");
        d.put("entitlements", List.of());
        d.put("authorizing_integration_owners", Map.of("0", GUILD_ID));
        d.put("context", 0);
        dispatchedAt.put(id, dispatch("INTERACTION_CREATE", d));
        return new Interaction(id, token, at);
    }

    /** When the INTERACTION_CREATE of an interaction id was written to the gateway socket ({@link System#nanoTime}). */
    public Long dispatchedAt(String interactionId) {
        return dispatchedAt.get(interactionId);
    }

    /** Sends a dispatch to the bot's sessions (waiting, bounded, for one); returns when it was written. */
    public long dispatch(String type, Object d) {
        return gateway.dispatch(type, d);
    }

    @Override
    public void close() throws Exception {
        gateway.stop(1000);
        rest.close();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
