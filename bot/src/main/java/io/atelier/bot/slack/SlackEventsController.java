package io.atelier.bot.slack;

import io.atelier.core.api.BodyLimit;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import io.atelier.core.api.PublicEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * HTTP mode (on with the bot token and the signing secret): Slack's slash commands, interactivity (buttons, modal submissions) and Events API
 * all arrive at {@code POST /slack/events}.
 *
 * <p>The raw body is read straight from the servlet stream (never through form parsing, which
 * would re-encode it), its signature and timestamp are verified ({@link SlackSignature}), and
 * only then is it parsed by Bolt and dispatched to {@link SlackBoltApp}. Anything unsigned,
 * wrongly signed, stale or from the future gets 401 and is not parsed at all.
 *
 * <p>Redeliveries ({@code X-Slack-Retry-Num}) are dispatched like first deliveries: the
 * handlers recognise them in the {@link SlackInbox} and do nothing, so a retry of a request we
 * never received still works, and one we did receive never starts a second job.
 */
@RestController
@PublicEndpoint
@BodyLimit("1MB") // signed by Slack, but anonymous until the signature is checked; see MAX_BODY
@Conditional(SlackEnabled.HttpMode.class)
class SlackEventsController {

    static final String PATH = "/slack/events";
    /** Slack payloads are small; a modal's state is the largest. */
    private static final int MAX_BODY = 1 << 20;
    private static final Logger log = LoggerFactory.getLogger(SlackEventsController.class);

    private final App app;
    private final SlackRequestParser parser;
    private final SlackSignature signature;
    private final boolean oauth;

    SlackEventsController(App slackApp, SlackProperties properties) {
        this.app = slackApp;
        this.oauth = properties.oauth();
        this.parser = new SlackRequestParser(slackApp.config());
        this.signature = new SlackSignature(properties.signingSecret(), Clock.systemUTC());
    }

    @PostMapping(PATH)
    ResponseEntity<String> events(HttpServletRequest servletRequest) throws Exception {
        byte[] body = readBody(servletRequest);
        if (body == null) {
            return error(HttpStatus.CONTENT_TOO_LARGE, "request body too large");
        }
        if (!signature.verify(servletRequest.getHeader("X-Slack-Request-Timestamp"),
                servletRequest.getHeader("X-Slack-Signature"), body)) {
            log.info("Slack request refused: bad or missing signature, or timestamp outside 5 minutes");
            return error(HttpStatus.UNAUTHORIZED, "invalid Slack signature or timestamp");
        }
        Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                .requestUri(servletRequest.getRequestURI())
                .queryString(Map.of())
                .headers(new RequestHeaders(headers(servletRequest)))
                .requestBody(new String(body, StandardCharsets.UTF_8))
                .remoteAddress(servletRequest.getRemoteAddr())
                .build());
        if (request == null) {
            return error(HttpStatus.BAD_REQUEST, "not a Slack request this app understands");
        }
        return toEntity(app.run(request));
    }

    /**
     * The OAuth install flow (on with {@code atelier.slack.client-id} and {@code client-secret}):
     * {@code GET /slack/install} redirects to Slack's authorize page with a state cookie, and
     * {@code GET /slack/oauth_redirect?code&state} finishes the install. Both are Bolt's handlers;
     * this only carries the request (query string, cookies) in and the response (redirect, cookie) out.
     */
    @GetMapping({SlackBoltApp.INSTALL_PATH, SlackBoltApp.REDIRECT_PATH})
    ResponseEntity<String> oauth(HttpServletRequest servletRequest) throws Exception {
        if (!oauth) {
            return error(HttpStatus.NOT_FOUND, "the Slack install flow is off (atelier.slack.client-id and client-secret)");
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        servletRequest.getParameterMap().forEach((k, v) -> query.put(k, new ArrayList<>(List.of(v))));
        Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                .requestUri(servletRequest.getRequestURI())
                .queryString(query)
                .headers(new RequestHeaders(headers(servletRequest)))
                .requestBody("")
                .remoteAddress(servletRequest.getRemoteAddr())
                .build());
        if (request == null) {
            return error(HttpStatus.BAD_REQUEST, "not an install request");
        }
        return toEntity(app.run(request));
    }

    private static ResponseEntity<String> toEntity(Response response) {
        HttpHeaders headers = new HttpHeaders();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach(headers::addAll);
        }
        if (response.getContentType() != null) {
            headers.setContentType(MediaType.parseMediaType(response.getContentType()));
        }
        int status = response.getStatusCode() == null ? 200 : response.getStatusCode();
        return ResponseEntity.status(status).headers(headers).body(response.getBody() == null ? "" : response.getBody());
    }

    private static byte[] readBody(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            return body.length > MAX_BODY ? null : body;
        }
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }

    private static ResponseEntity<String> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body("{\"ok\":false,\"error\":\"" + message + "\"}");
    }
}
