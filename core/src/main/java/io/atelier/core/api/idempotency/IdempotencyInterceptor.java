package io.atelier.core.api.idempotency;

import io.atelier.core.account.Caller;
import io.atelier.core.api.ApiKeyInterceptor;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.WebUtils;

/**
 * {@code Idempotency-Key} on every authenticated POST, whatever the dialect: the first request with a
 * key (per team) runs and its answer is kept for {@code atelier.idempotency.ttl}; a retry with the same
 * key and the same request (route, content type and body, multipart bodies compared part by part) gets
 * that answer again, with {@code Idempotent-Replayed: true}, without running again. The same key with a
 * different request is refused with 422; a retry while the first request is still running, with 409.
 *
 * <p>Runs after {@link ApiKeyInterceptor} (it needs the team) as a handler interceptor, so its refusals
 * reach {@link IdempotencyExceptionHandler} with the matched handler and come out in that dialect's
 * error shape. {@link IdempotencyFilter} supplies the body and stores the answer.
 *
 * <p>Layering: the native API also passes the key to {@code GenerationRequest.idempotencyKey}, where
 * {@code GenerationService} keeps one generation per (team, key) for as long as the generation exists.
 * This HTTP layer comes first and replays whole answers for a day; the service layer remains the
 * durable guarantee for callers of the service that are not HTTP (chat, tools).
 */
@Component
class IdempotencyInterceptor implements HandlerInterceptor {

    static final String HEADER = "Idempotency-Key";
    static final String CLAIM_ATTRIBUTE = IdempotencyInterceptor.class.getName() + ".claim";
    static final int MAX_KEY_LENGTH = 255;

    /** The key this request holds, for the filter to complete or release. */
    record ClaimedKey(String teamId, String key) {
    }

    private final IdempotencyProperties properties;
    private final IdempotencyStore store;
    private final IdempotencyResponses responses;

    IdempotencyInterceptor(IdempotencyProperties properties, IdempotencyStore store, IdempotencyResponses responses) {
        this.properties = properties;
        this.store = store;
        this.responses = responses;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        if (!properties.enabled() || request.getDispatcherType() != DispatcherType.REQUEST || !"POST".equals(request.getMethod())) {
            return true;
        }
        String key = request.getHeader(HEADER);
        if (key == null || wantsStream(request)
                || !(request.getAttribute(ApiKeyInterceptor.CALLER_ATTRIBUTE) instanceof Caller caller)) {
            return true;
        }
        validate(key);
        if (request.getAttribute(IdempotencyFilter.TOO_LARGE_ATTRIBUTE) != null) {
            throw new IdempotencyException(IdempotencyException.Reason.TOO_LARGE, "The request body is larger than "
                    + properties.maxBodySize() + ", the most that can be sent with an Idempotency-Key.");
        }
        String path = pathOf(request);
        String fingerprint = fingerprint(request, path);
        IdempotencyStore.Claim claim = store.claim(caller.teamId(), key, fingerprint, path);
        switch (claim) {
            case IdempotencyStore.Claim.Claimed claimed -> {
                request.setAttribute(CLAIM_ATTRIBUTE, new ClaimedKey(caller.teamId(), key));
                return true;
            }
            case IdempotencyStore.Claim.Replay replay -> {
                responses.replay(replay.entry(), response);
                return false;
            }
            case IdempotencyStore.Claim.Mismatch mismatch -> throw new IdempotencyException(
                    IdempotencyException.Reason.KEY_REUSED, "Idempotency-Key '" + key + "' was already used with a "
                    + "different request (" + (mismatch.entry().requestPath().equals(path) ? "another body" : "POST "
                    + mismatch.entry().requestPath()) + "); send a new key for a new request.");
            case IdempotencyStore.Claim.InFlight inFlight -> throw new IdempotencyException(
                    IdempotencyException.Reason.IN_FLIGHT, "A request with Idempotency-Key '" + key
                    + "' is still being processed; retry when it has answered.");
        }
    }

    /** A streamed answer (server-sent events) cannot be kept and replayed; such requests are left alone. */
    static boolean wantsStream(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/event-stream");
    }

    private static void validate(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IdempotencyException(IdempotencyException.Reason.INVALID_KEY,
                    "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters long.");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IdempotencyException(IdempotencyException.Reason.INVALID_KEY,
                        "Idempotency-Key must be printable ASCII without spaces.");
            }
        }
    }

    private static String pathOf(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String query = request.getQueryString();
        String full = query == null ? path : path + "?" + query;
        return full.length() > 500 ? full.substring(0, 500) : full;
    }

    /** SHA-256 over the route, the media type and the body (a multipart body part by part). */
    private static String fingerprint(HttpServletRequest request, String path) throws IOException {
        MessageDigest digest = sha256();
        update(digest, "POST " + path);
        String contentType = request.getContentType();
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        update(digest, mediaType);
        CachedBodyRequest cached = WebUtils.getNativeRequest(request, CachedBodyRequest.class);
        if (cached != null) {
            digest.update(cached.body());
        } else if (mediaType.startsWith("multipart/")) {
            try {
                for (Part part : request.getParts()) {
                    update(digest, part.getName());
                    update(digest, String.valueOf(part.getSubmittedFileName()));
                    update(digest, String.valueOf(part.getContentType()));
                    MessageDigest content = sha256();
                    try (InputStream in = part.getInputStream()) {
                        in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), content));
                    }
                    digest.update(content.digest());
                }
            } catch (ServletException e) {
                throw new IOException("the multipart body could not be read", e);
            }
        } else {
            // A form: its fields, in the order sent.
            request.getParameterMap().forEach((name, values) -> {
                update(digest, name);
                for (String value : values) {
                    update(digest, value);
                }
            });
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Length-prefixed, so that field boundaries cannot shift between fields. */
    private static void update(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
