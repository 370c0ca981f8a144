package io.atelier.core.api.openai;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads multipart bodies of the Images API routes before Spring MVC does, so that a broken or
 * oversized upload gets OpenAI's error shape: Spring parses multipart requests before it knows the
 * handler, and those failures would otherwise bypass {@link OpenAiExceptionHandler} and come out as
 * a bare 500 or 413 page. Parsed parts are kept by the container and reused by Spring.
 *
 * <p>Because it runs before authentication, a broken upload is reported even without a key (as a
 * proxy in front of OpenAI would); the bytes were read either way.
 */
@Component
class OpenAiMultipartErrorFilter extends OncePerRequestFilter {

    static final Set<String> PATHS = Set.of("/v1/images/generations", "/v1/images/edits");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String contentType = request.getContentType();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"POST".equals(request.getMethod()) || contentType == null
                || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/") || !PATHS.contains(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getParts();
        } catch (RuntimeException | IOException | ServletException e) {
            // RuntimeException, not only IllegalStateException: Tomcat refuses a part whose file name
            // holds a NUL with InvalidFileNameException, a plain RuntimeException.
            write(response, tooLarge(e)
                    ? OpenAiApiException.builder(HttpStatus.CONTENT_TOO_LARGE, "The upload is too large: each image must "
                    + "be under 25MB and the mask under 4MB.").code("request_too_large").noRetry().build()
                    : OpenAiApiException.builder(HttpStatus.BAD_REQUEST, "The multipart/form-data body could not be read: "
                    + e.getMessage()).code("invalid_multipart").build());
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether the container refused the body for a size limit (the way Spring's multipart support tells). */
    private static boolean tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (name.contains("SizeLimitExceeded") || name.contains("SizeException") || message.contains("exceed")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static void write(HttpServletResponse response, OpenAiApiException error) throws IOException {
        response.setStatus(error.status().value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        error.headers().forEach(response::setHeader);
        response.getOutputStream().write(JSON.writeValueAsBytes(new OpenAiWire.ErrorBody(
                new OpenAiWire.ErrorDetail(error.getMessage(), error.type(), error.param(), error.code()))));
    }
}
