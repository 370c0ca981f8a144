package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.MethodParameter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Hostile input on every route of every dialect, enumerated at run time from Spring MVC's handler
 * mapping (so a route added later is fuzzed too): wrong JSON types, huge numbers, unicode (RTL,
 * zero-width, emoji, NUL, lone surrogates), path traversal and odd ids, malformed JSON, wrong content
 * types, multipart garbage, oversized bodies, hostile query parameters and header injection over a raw
 * socket. Every answer must be below 500; every error must be in its dialect's shape; and a rejected
 * request must store nothing (no generation, credit charge, article, brand kit, bulk request, template,
 * preset, blocklist entry, gallery entry/report/appeal, team or key).
 *
 * <p>The inputs are fixed: the per-route sample of body mutations is drawn with a fixed seed, so a
 * failure reproduces. Routes excluded from the shape check, with the reason, are in {@link #dialectOf}.
 */
class RouteFuzzTest extends AppTestSupport {

    private static final long SEED = 0xA7E11E5L;
    private static final int BODIES_PER_ROUTE = 30;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{\\*?([^}:]+)(:[^}]*)?}");

    /** Routes the enumeration must find; if it does not, the enumeration is broken (or a route was lost). */
    private static final List<String> KNOWN = List.of(
            "POST /api/v1/generations", "GET /api/v1/generations/{id}", "DELETE /api/v1/generations/{id}",
            "POST /api/v1/generations/{id}/cancel", "GET /api/v1/models", "GET /api/v1/images/{id}",
            "POST /api/v1/admin/teams", "POST /api/v1/admin/keys", "PUT /api/v1/brand-kit",
            "POST /api/v1/provenance/verify", "GET /api/v1/gallery", "POST /api/v1/moderation/{id}/approve",
            "POST /api/v1/presets", "POST /api/v1/templates", "POST /api/v1/assistant/chat",
            "POST /v1/images/generations", "POST /v1/images/edits", "GET /v1/models",
            "POST /v1/images", "GET /v1/images", "GET /v1/meta/image_models", "POST /v1/images/bulk",
            "POST /v1/articles", "POST /v0/images/generations", "GET /v0/images/library", "GET /v0/usage",
            "GET /api/image/generate", "GET /gallery", "GET /files/{file}");

    /** How a dialect shapes its errors; FILES and HTML have no JSON error shape (checked for status only). */
    enum Dialect { NATIVE, OPENAI, CUPPA, V0, RECOUP, FILES, HTML }

    record Route(String method, String pattern, Dialect dialect, boolean readsBody) {
        String key() {
            return method + " " + pattern;
        }
    }

    record Answer(int status, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    private final List<String> failures = new ArrayList<>();
    private final Map<String, Integer> accepted = new LinkedHashMap<>();
    private int sent;
    private int containerRejections;

    @Test
    void everyRouteAnswersHostileInputWithADialectErrorAndStoresNothing() throws Exception {
        List<Route> routes = routes();
        Set<String> keys = new TreeSet<>();
        routes.forEach(r -> keys.add(r.key().replaceAll("\\{([^}:]+):[^}]*}", "{$1}").replace("{*", "{")));
        assertThat(keys).as("routes found by the enumeration").containsAll(KNOWN);

        ApiClient.Response team = admin().post("/api/v1/admin/teams", Map.of("name", "fuzz", "credits", 1_000_000));
        assertThat(team.status()).isEqualTo(201);
        String teamKey = team.json().at("/data/apiKey").stringValue();
        Random random = new Random(SEED);
        List<String> bodies = bodyPool();
        for (Route route : routes) {
            // Admin and moderation routes with the admin key (so their bodies are read), the rest with a team's.
            String key = route.pattern().contains("/admin") || route.pattern().contains("moderation") ? ADMIN_KEY : teamKey;
            for (String path : paths(route)) {
                call(route, path, key, null, null);
            }
            String path = concrete(route.pattern(), "fuzz-" + route.pattern().length());
            if (route.method().equals("GET") || route.method().equals("DELETE")) {
                for (String query : QUERIES) {
                    call(route, path + query, key, null, null);
                }
            } else {
                for (String malformed : MALFORMED_JSON) {
                    call(route, path, key, "application/json", malformed.getBytes(StandardCharsets.UTF_8));
                }
                for (int i = 0; i < BODIES_PER_ROUTE; i++) {
                    call(route, path, key, "application/json", bodies.get(random.nextInt(bodies.size())).getBytes(StandardCharsets.UTF_8));
                }
                call(route, path, key, "text/plain", "prompt=a cat".getBytes(StandardCharsets.UTF_8));
                call(route, path, key, "application/xml", "<prompt>a cat</prompt>".getBytes(StandardCharsets.UTF_8));
                call(route, path, key, "application/x-www-form-urlencoded", "prompt=%00&n=abc&size=1e309".getBytes(StandardCharsets.UTF_8));
                call(route, path, key, "multipart/form-data; boundary=zzz", "garbage without any boundary".getBytes(StandardCharsets.UTF_8));
                call(route, path, key, "multipart/form-data", "--x\r\n\r\n".getBytes(StandardCharsets.UTF_8));
                MultipartBody parts = new MultipartBody().field("prompt", "\u202Eevil\u200B\uD83D\uDE00").field("n", "1e309")
                        .field("size", "-1x-1").field("sampleCount", "9223372036854775808")
                        .file("image", "../../etc/passwd", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0})
                        .file("mask", "a\u0000.png", "image/png", "GIF89a garbage".getBytes(StandardCharsets.US_ASCII));
                call(route, path, key, parts.contentType(), parts.bytes());
            }
            // Without a key, with a wrong one: the dialect's 401 (or the public answer of a public route).
            call(route, path, null, route.method().equals("GET") ? null : "application/json", route.method().equals("GET") ? null : "{}".getBytes(StandardCharsets.UTF_8));
            call(route, path, "' OR 1=1 --", route.method().equals("GET") ? null : "application/json", route.method().equals("GET") ? null : "{}".getBytes(StandardCharsets.UTF_8));
        }
        unroutable(routes, teamKey);
        oversized(routes, teamKey);
        headerInjection(teamKey);

        System.out.println("RouteFuzzTest: " + routes.size() + " routes, " + sent + " requests (" + containerRejections
                + " refused by the container before routing); accepted and stored: " + accepted);
        failures.forEach(f -> System.out.println("FUZZ FAILURE " + f));
        assertThat(failures).as(failures.size() + " of " + sent + " hostile requests were answered wrongly").isEmpty();
        assertOrphanFree();
    }

    /** Every route of the application with its dialect; fails on a route no dialect claims. */
    private List<Route> routes() {
        RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        List<Route> routes = new ArrayList<>();
        List<String> unclassified = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            HandlerMethod handler = entry.getValue();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            Set<String> verbs = new LinkedHashSet<>();
            if (methods.isEmpty()) {
                verbs.add("GET");
                verbs.add("POST");
            } else {
                methods.forEach(m -> verbs.add(m.name()));
            }
            for (String pattern : info.getPatternValues()) {
                Dialect dialect = dialectOf(pattern, handler);
                if (dialect == null) {
                    if (!excluded(pattern)) {
                        unclassified.add(pattern + " -> " + handler);
                    }
                    continue;
                }
                for (String verb : verbs) {
                    routes.add(new Route(verb, pattern, dialect, readsBody(handler)));
                }
            }
        }
        assertThat(unclassified).as("routes with no known error dialect: classify them in RouteFuzzTest.dialectOf").isEmpty();
        routes.sort((a, b) -> a.key().compareTo(b.key()));
        return routes;
    }

    /**
     * Not fuzzed here, with the reason: {@code /error} is Spring Boot's own error page (it renders what
     * the container passes it); {@code /slack/**} is authenticated by request signature and fuzzed by the
     * Slack tests. Actuator and MCP are not in this handler mapping (their own servlet and mapping).
     */
    private static boolean excluded(String pattern) {
        // springdoc's own read-only routes (the OpenAPI description and Swagger UI) have no Atelier dialect;
        // OpenApiConformanceTest covers them.
        return pattern.equals("/error") || pattern.startsWith("/slack/") || pattern.startsWith("/v3/api-docs")
                || pattern.startsWith("/swagger-ui");
    }

    /** The error dialect of a route, told by the package of its controller (as the exception handlers are scoped). */
    private static Dialect dialectOf(String pattern, HandlerMethod handler) {
        if (excluded(pattern)) {
            return null;
        }
        if (pattern.startsWith("/files/")) {
            return Dialect.FILES;
        }
        String pkg = handler.getBeanType().getPackageName();
        if (pkg.startsWith("io.atelier.core.api.v1") || pkg.startsWith("io.atelier.core.api.brand")
                || pkg.startsWith("io.atelier.core.api.provenance") || pkg.startsWith("io.atelier.tools.assistant")) {
            return Dialect.NATIVE;
        }
        if (pkg.startsWith("io.atelier.core.api.openai")) {
            return Dialect.OPENAI;
        }
        if (pkg.startsWith("io.atelier.core.api.cuppa")) {
            return Dialect.CUPPA;
        }
        if (pkg.startsWith("io.atelier.core.api.v0")) {
            return Dialect.V0;
        }
        if (pkg.startsWith("io.atelier.core.api.recoup")) {
            return Dialect.RECOUP;
        }
        if (pkg.startsWith("io.atelier.core.api.gallery") || pkg.startsWith("io.atelier.core.api.studio")
                || pkg.startsWith("io.atelier.tools.mcp.oauth")) {
            return Dialect.HTML;
        }
        return null;
    }

    private static boolean readsBody(HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class) || parameter.hasParameterAnnotation(RequestPart.class)
                    || MultipartFile.class.isAssignableFrom(parameter.getParameterType())) {
                return true;
            }
        }
        return false;
    }

    /** Hostile values for path variables, already in URI form (some percent-encoded on purpose). */
    private static final List<String> HOSTILE_IDS = List.of(
            "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%5C..%5Cwindows", "%00", "abc%00.png",
            "a".repeat(300), "'%20OR%201=1%20--", "%E2%80%AE%E2%80%8Bevil", "%F0%9F%92%A9", "%ED%A0%80", "%C0%AE%C0%AE",
            "-1", "9223372036854775808", "1e309", "00000000-0000-0000-0000-000000000000", "%25", "%0D%0ASet-Cookie:x=1");

    private static final List<String> QUERIES = List.of(
            "?limit=abc&offset=-1&page=1e309&per_page=9223372036854775808",
            "?limit=-1&offset=99999999999999999999&status=%00&cursor=..%2F..%2Fetc",
            "?status=%E2%80%AE%F0%9F%98%80&model=%27%20OR%201%3D1%20--&sort=%ED%A0%80",
            "?prompt=&n=abc&size=1e309&seed=-1&aspect_ratio=%00",
            "?prompt=" + "a".repeat(5000));

    private static final List<String> MALFORMED_JSON = List.of(
            "{not json", "{\"prompt\":", "", "null", "42", "\"a string\"", "[1, 2]", "{\"prompt\": \"a\" \"b\"}",
            "{\"prompt\": \"\\uD800\"}", "{\"prompt\": \"\\uDC00x\\uD800\"}", "{\"prompt\": \"a\\u0000b\"}",
            "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
            "{\"prompt\": 1e309}", "{\"n\": 123456789012345678901234567890}");

    private static final List<String> FIELDS = List.of(
            "prompt", "model", "n", "count", "size", "quality", "response_format", "style", "user", "aspect_ratio",
            "aspectRatio", "seed", "negativePrompt", "negative_prompt", "settings", "sampleCount", "modelVersion", "name",
            "message", "conversationId", "items", "requests", "reason", "note", "ids", "colors", "title", "content",
            "template", "variables", "width", "height", "credits", "teamId", "pattern", "meta", "publicRequested",
            "autoEnhance", "image", "images", "url", "webhook_url", "id", "role", "resolution", "output_format");

    private static final List<String> VALUES = List.of(
            "123", "-1", "0", "1e309", "-1e309", "9223372036854775808", "-9223372036854775809", "0.5", "true", "[]", "{}",
            "null", "\"\\u202Eevil\\u200B\"", "\"\\uD83D\\uDE00\"", "\"\\u0000\"", "\"\\uDC00\"", "\"" + "x".repeat(10_000) + "\"",
            "[{\"$ne\": 1}]", "\"../../etc/passwd\"", "\"' OR 1=1 --\"", "\"http://169.254.169.254/latest/meta-data\"",
            "{\"prompt\": {\"prompt\": []}}", "[[[[[[[[[[1]]]]]]]]]]", "\"file:///etc/passwd\"");

    /** Each field with each hostile value, alone and next to a valid prompt. */
    private static List<String> bodyPool() {
        List<String> pool = new ArrayList<>();
        for (String field : FIELDS) {
            for (String value : VALUES) {
                pool.add("{\"" + field + "\": " + value + "}");
                if (!field.equals("prompt")) {
                    pool.add("{\"prompt\": \"a cat\", \"" + field + "\": " + value + "}");
                }
            }
        }
        return pool;
    }

    private static List<String> paths(Route route) {
        if (!PATH_VARIABLE.matcher(route.pattern()).find()) {
            return List.of(route.pattern());
        }
        List<String> paths = new ArrayList<>();
        for (String id : HOSTILE_IDS) {
            paths.add(concrete(route.pattern(), id));
        }
        return paths;
    }

    private static String concrete(String pattern, String value) {
        Matcher m = PATH_VARIABLE.matcher(pattern);
        return m.replaceAll(Matcher.quoteReplacement(value));
    }

    /** Paths under each dialect's prefix that no route serves: a 404 in that dialect's shape. */
    private static final Map<String, Dialect> UNKNOWN_PATHS = Map.of(
            "/api/v1/no-such-route", Dialect.NATIVE,
            "/api/v1/generations/x/no-such", Dialect.NATIVE,
            "/v1/images/generations/x", Dialect.OPENAI,
            "/v1/no-such-route", Dialect.CUPPA,
            "/v1/images/bulk/x/y", Dialect.CUPPA,
            "/v0/no-such-route", Dialect.V0,
            "/api/image/no-such-route", Dialect.RECOUP);

    /** Unknown paths, and on every route's path a method it does not take (405 in the dialect's shape). */
    private void unroutable(List<Route> routes, String key) {
        UNKNOWN_PATHS.forEach((path, dialect) -> {
            for (String method : List.of("GET", "POST", "DELETE")) {
                call(new Route(method, path, dialect, false), path, key, method.equals("POST") ? "application/json" : null,
                        method.equals("POST") ? "{}".getBytes(StandardCharsets.UTF_8) : null);
            }
        });
        Map<String, Set<String>> methodsByPattern = new LinkedHashMap<>();
        Map<String, Dialect> dialectByPattern = new LinkedHashMap<>();
        for (Route route : routes) {
            methodsByPattern.computeIfAbsent(route.pattern(), p -> new LinkedHashSet<>()).add(route.method());
            dialectByPattern.put(route.pattern(), route.dialect());
        }
        methodsByPattern.forEach((pattern, methods) -> {
            for (String method : List.of("PATCH", "PUT", "DELETE", "POST", "GET")) {
                if (!methods.contains(method)) {
                    call(new Route(method, pattern, dialectByPattern.get(pattern), false), concrete(pattern, "fuzz-unmapped"), key,
                            null, null);
                    break;
                }
            }
        });
    }

    /** A few bodies above the configured limits, to each dialect's creation routes (not all: they are slow to send). */
    private void oversized(List<Route> routes, String key) {
        byte[] bigJson = ("{\"prompt\": \"" + "a".repeat(3 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] bigUpload = new byte[61 * 1024 * 1024];
        MultipartBody huge = new MultipartBody().field("prompt", "a cat").file("image", "big.png", "image/png", bigUpload);
        byte[] hugeBytes = huge.bytes();
        for (Route route : routes) {
            if (!route.method().equals("POST") || !route.readsBody() || PATH_VARIABLE.matcher(route.pattern()).find()) {
                continue;
            }
            // Raw, because the server may answer 413 and close before the client has sent it all
            // (java.net.http then sometimes reports a truncated answer instead of the 413).
            Map<String, Long> beforeJson = counts();
            String jsonHead = "POST " + route.pattern() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-API-Key: " + key
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + bigJson.length + "\r\n\r\n";
            Answer jsonAnswer = RawHttp.send(port, jsonHead.getBytes(StandardCharsets.ISO_8859_1), bigJson);
            sent++;
            judge(route, route.key() + " with a " + bigJson.length + "-byte JSON body", jsonAnswer, "application/json", null, beforeJson);
            if (route.pattern().equals("/v1/images/edits") || route.pattern().equals("/v0/images/generations")
                    || route.pattern().equals("/api/v1/provenance/verify")) {
                // Raw, because the server may answer 413 and close before the client has sent it all.
                Map<String, Long> before = counts();
                String head = "POST " + route.pattern() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-API-Key: " + key
                        + "\r\nContent-Type: " + huge.contentType() + "\r\nContent-Length: " + hugeBytes.length + "\r\n\r\n";
                Answer answer = RawHttp.send(port, head.getBytes(StandardCharsets.ISO_8859_1), hugeBytes);
                sent++;
                judge(route, route.key() + " with a " + hugeBytes.length + "-byte multipart upload", answer, huge.contentType(), null, before);
            }
        }
    }

    /** One request; its answer checked against the route's dialect and the store checked for a rejection. */
    private void call(Route route, String path, String apiKey, String contentType, byte[] body) {
        Map<String, Long> before = counts();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60));
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
        request.method(route.method(), publisher);
        String what = route.key() + " as " + route.method() + " " + abbreviate(path) + (contentType == null ? "" : " [" + contentType + "] ")
                + (body == null ? "" : abbreviate(new String(body, StandardCharsets.UTF_8)));
        Answer answer;
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer = new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IllegalArgumentException e) {
            return; // the client refuses to send this URI; the raw-socket part covers what java.net.http cannot send
        } catch (Exception e) {
            failures.add(what + " -> no answer: " + e);
            return;
        }
        sent++;
        judge(route, what, answer, contentType, body, before);
    }

    private void judge(Route route, String what, Answer answer, String contentType, byte[] body, Map<String, Long> before) {
        int status = answer.status();
        if (status >= 500) {
            failures.add(what + " -> " + status + " " + abbreviate(answer.text()));
            return;
        }
        if (status < 400) {
            boolean malformedJson = body != null && "application/json".equals(contentType) && !parses(body);
            if (route.readsBody() && malformedJson && route.dialect() != Dialect.HTML) {
                failures.add(what + " -> " + status + " accepted a malformed JSON body");
            }
            if (status < 300 || route.dialect() == Dialect.HTML) {
                Map<String, Long> after = counts();
                if (!after.equals(before)) {
                    accepted.merge(route.key(), 1, Integer::sum);
                    System.out.println("FUZZ ACCEPTED " + what + " -> " + status);
                }
                return;
            }
            failures.add(what + " -> unexpected " + status);
            return;
        }
        String shape = shapeProblem(route.dialect(), answer);
        if (shape != null && rejectedByContainer(answer)) {
            containerRejections++;
            shape = null;
            if (answer.text().contains("Tomcat/") || answer.text().contains("Exception")) {
                failures.add(what + " -> the container's 400 page leaks the server version or an exception: " + abbreviate(answer.text()));
            }
        }
        if (shape != null) {
            failures.add(what + " -> " + status + " not in the " + route.dialect() + " error shape (" + shape + "): "
                    + abbreviate(answer.text()));
        }
        Map<String, Long> after = counts();
        if (!after.equals(before)) {
            failures.add(what + " -> " + status + " but stored something: " + before + " -> " + after);
        }
    }

    /**
     * Tomcat's own 400 page: the request line was refused before any filter or handler ran (an encoded
     * {@code /} or {@code \\}, {@code %00} or bytes that are not UTF-8 in the path), so no dialect can
     * shape it. Allowed; it is still a 4xx and nothing is stored.
     */
    private static boolean rejectedByContainer(Answer answer) {
        return answer.status() == 400 && answer.contentType().startsWith("text/html") && answer.text().contains("HTTP Status 400");
    }

    /** Null when the error body is in the dialect's shape, else what is wrong. */
    static String shapeProblem(Dialect dialect, Answer answer) {
        if (dialect == Dialect.FILES || dialect == Dialect.HTML) {
            return null;
        }
        if (!answer.contentType().contains("json")) {
            return "Content-Type " + answer.contentType();
        }
        JsonNode json;
        try {
            json = ApiClient.JSON.readTree(answer.body());
        } catch (Exception e) {
            return "not JSON";
        }
        JsonNode error = json.get("error");
        return switch (dialect) {
            case NATIVE -> json.path("success").isBoolean() && !json.path("success").booleanValue()
                    && error != null && error.path("code").isString() && error.path("message").isString()
                    ? null : "want {success:false, error:{code, message}}";
            case OPENAI -> error != null && error.path("message").isString() && error.path("type").isString()
                    && error.has("param") && error.has("code") ? null : "want {error:{message, type, param, code}}";
            case CUPPA -> error != null && error.path("code").isString() && error.path("message").isString()
                    ? null : "want {error:{code, message}}";
            case V0, RECOUP -> error != null && error.isString() && !error.stringValue().isBlank()
                    ? null : "want {error: message}";
            default -> null;
        };
    }

    private static boolean parses(byte[] body) {
        try {
            ApiClient.JSON.readTree(body);
            return body.length > 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static final String COUNTS = "SELECT "
            + "(SELECT COUNT(*) FROM generations) AS generations, "
            + "(SELECT COUNT(*) FROM credit_ledger WHERE reason = 'CHARGE') AS charges, "
            + "(SELECT COUNT(*) FROM articles) AS articles, "
            + "(SELECT COUNT(*) FROM brand_kits) AS brand_kits, "
            + "(SELECT COUNT(*) FROM cuppa_bulk_requests) AS bulk_requests, "
            + "(SELECT COUNT(*) FROM cuppa_bulk_items) AS bulk_items, "
            + "(SELECT COUNT(*) FROM prompt_templates) AS templates, "
            + "(SELECT COUNT(*) FROM prompt_presets) AS presets, "
            + "(SELECT COUNT(*) FROM moderation_blocklist) AS blocklist, "
            + "(SELECT COUNT(*) FROM gallery_entries) AS gallery_entries, "
            + "(SELECT COUNT(*) FROM gallery_reports) AS gallery_reports, "
            + "(SELECT COUNT(*) FROM gallery_appeals) AS gallery_appeals, "
            + "(SELECT COUNT(*) FROM teams) AS teams, "
            + "(SELECT COUNT(*) FROM api_keys) AS api_keys";

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query(COUNTS, rs -> {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                counts.put(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getLong(i));
            }
        });
        return counts;
    }

    /** Whatever was accepted left a consistent store: every image and charge belongs to a generation. */
    private void assertOrphanFree() {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM images i WHERE NOT EXISTS "
                + "(SELECT 1 FROM generations g WHERE g.id = i.generation_id)", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM credit_ledger c WHERE NOT EXISTS "
                + "(SELECT 1 FROM generations g WHERE g.id = c.generation_id)", Long.class)).isZero();
    }

    /** CR/LF, NUL and non-ASCII bytes in headers, sent raw (java.net.http refuses them). */
    private void headerInjection(String key) throws Exception {
        Route nativeCreate = new Route("POST", "/api/v1/generations", Dialect.NATIVE, true);
        Route openAiCreate = new Route("POST", "/v1/images/generations", Dialect.OPENAI, true);
        Route cuppaCreate = new Route("POST", "/v1/images", Dialect.CUPPA, true);
        Route v0Create = new Route("POST", "/v0/images/generations", Dialect.V0, true);
        List<String> injections = List.of(
                "Idempotency-Key: abc\rX-Injected: 1",
                "Idempotency-Key: abc\r\n X-Injected: folded",
                "Idempotency-Key: a\u0000b",
                "Idempotency-Key: " + "\u00e9".repeat(300),
                "Idempotency-Key: " + "k".repeat(6000),
                "X-API-Key: " + key + "\u0000",
                "X-API-Key: " + key + "\rX-Injected: 1",
                "Authorization: Bearer \u00ff\u00fe' OR 1=1 --",
                "X-Request-Id: a\u000b\u000cb",
                "Content-Length: 5\r\nContent-Length: 500");
        for (Route route : List.of(nativeCreate, openAiCreate, cuppaCreate, v0Create)) {
            for (String header : injections) {
                Map<String, Long> before = counts();
                String body = "{\"prompt\": 42}";
                String head = route.method() + " " + route.pattern() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                        + (header.startsWith("X-API-Key") || header.startsWith("Authorization") ? "" : "X-API-Key: " + key + "\r\n")
                        + header + "\r\nContent-Type: application/json\r\n"
                        + (header.startsWith("Content-Length") ? "" : "Content-Length: " + body.length() + "\r\n") + "\r\n";
                Answer answer = RawHttp.send(port, head.getBytes(StandardCharsets.ISO_8859_1), body.getBytes(StandardCharsets.UTF_8));
                sent++;
                String what = route.key() + " with raw header " + abbreviate(header.replace("\r", "\\r").replace("\n", "\\n"));
                if (answer.status() >= 500 || answer.status() < 400) {
                    failures.add(what + " -> " + answer.status() + " " + abbreviate(answer.text()));
                    continue;
                }
                if (RawHttp.hasHeader(answer, "X-Injected")) {
                    failures.add(what + " -> the injected header came back");
                }
                // A 400 from the container (the request never reached the application) has no dialect body.
                if (answer.body().length > 0 && answer.contentType().contains("json")) {
                    String shape = shapeProblem(route.dialect(), answer);
                    if (shape != null) {
                        failures.add(what + " -> " + answer.status() + " " + shape + ": " + abbreviate(answer.text()));
                    }
                }
                if (!counts().equals(before)) {
                    failures.add(what + " -> stored something");
                }
            }
        }
    }

    private static String abbreviate(String s) {
        String flat = s.replace("\n", "\\n").replace("\r", "\\r");
        return flat.length() > 160 ? flat.substring(0, 160) + "…(" + flat.length() + ")" : flat;
    }
}
