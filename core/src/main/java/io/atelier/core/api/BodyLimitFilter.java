package io.atelier.core.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Bounds every request body before anything parses it. The limit of a request is its route's:
 * {@link BodyLimit} on the handler; else {@code atelier.http.body-limit.anonymous} (16 KiB) for a
 * {@link PublicEndpoint} route, which anyone may call; else {@code atelier.http.body-limit.json}
 * (1 MiB). Requests that reach no MVC route (the {@code /mcp} servlet) get the JSON limit.
 * <ul>
 *   <li>a declared {@code Content-Length} over the limit is refused before a byte is read;</li>
 *   <li>a body read as a stream (JSON, raw uploads, Slack's signed payloads, the idempotency
 *       filter's copy) ends in {@link RequestBodyTooLargeException} one byte past the limit
 *       ({@link LimitedBodyRequest});</li>
 *   <li>forms and multipart bodies, which the container parses from its own stream, must declare
 *       their length on routes with the anonymous or a route limit (browsers always do); on
 *       authenticated routes multipart uploads keep Spring's limits
 *       ({@code spring.servlet.multipart.*}), parsed only after the key was checked.</li>
 * </ul>
 * The refusal itself is thrown by {@link ApiKeyInterceptor} (from the marker
 * {@link #TOO_LARGE_ATTRIBUTE}) or by the reader, so it reaches the exception handlers and comes out
 * as a 413 in the route's dialect.
 *
 * <p>The route is found with the application's {@link RequestMappingHandlerMapping} on a throwaway
 * view of the request (its attributes kept apart), once per request that has a body.
 */
@Component
class BodyLimitFilter extends OncePerRequestFilter implements Ordered {

    static final String TOO_LARGE_ATTRIBUTE = BodyLimitFilter.class.getName() + ".tooLarge";

    private final BodyLimitProperties properties;
    private final ApplicationContext context;
    private final Environment environment;
    private final Map<HandlerMethod, Limit> limits = new ConcurrentHashMap<>();
    private volatile RequestMappingHandlerMapping mapping;

    /** A route's limit, and whether it is one anybody may call. */
    record Limit(long bytes, boolean anonymous, boolean declared) {
    }

    BodyLimitFilter(BodyLimitProperties properties, ApplicationContext context, Environment environment) {
        this.properties = properties;
        this.context = context;
        this.environment = environment;
    }

    @Override
    public int getOrder() {
        // After the character-encoding filter, before every filter that may read a body.
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (declared <= 0 && !chunked) {
            chain.doFilter(request, response);
            return;
        }
        Limit limit = limitOf(request);
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        boolean parsedByContainer = type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded");
        if (type.startsWith("multipart/") && !limit.anonymous() && !limit.declared()) {
            chain.doFilter(request, response); // authenticated upload: Spring's multipart limits, after the key check
            return;
        }
        if (declared > limit.bytes()) {
            request.setAttribute(TOO_LARGE_ATTRIBUTE, limit.bytes());
        } else if (parsedByContainer && declared < 0 && (limit.anonymous() || limit.declared())) {
            // The container would parse an unbounded chunked form itself: refuse it on these routes.
            request.setAttribute(TOO_LARGE_ATTRIBUTE, limit.bytes());
        }
        chain.doFilter(new LimitedBodyRequest(request, limit.bytes()), response);
    }

    Limit limitOf(HttpServletRequest request) {
        HandlerMethod handler = handler(request);
        if (handler == null) {
            return new Limit(properties.json().toBytes(), false, false);
        }
        return limits.computeIfAbsent(handler, this::limitOf);
    }

    private Limit limitOf(HandlerMethod handler) {
        BodyLimit declared = handler.getMethodAnnotation(BodyLimit.class);
        if (declared == null) {
            declared = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), BodyLimit.class);
        }
        boolean anonymous = handler.getBeanType().isAnnotationPresent(PublicEndpoint.class)
                || handler.hasMethodAnnotation(PublicEndpoint.class);
        if (declared != null) {
            return new Limit(DataSize.parse(environment.resolvePlaceholders(declared.value()).strip()).toBytes(), anonymous, true);
        }
        return new Limit(anonymous ? properties.anonymous().toBytes() : properties.json().toBytes(), anonymous, false);
    }

    private HandlerMethod handler(HttpServletRequest request) {
        RequestMappingHandlerMapping m = mapping;
        if (m == null) {
            m = context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
            mapping = m;
        }
        HttpServletRequest probe = new DetachedAttributes(request);
        try {
            ServletRequestPathUtils.parseAndCache(probe);
            HandlerExecutionChain chain = m.getHandler(probe);
            return chain != null && chain.getHandler() instanceof HandlerMethod method ? method : null;
        } catch (Exception noRoute) {
            return null; // unknown path, wrong method or media type: answered later, in the dialect's shape
        }
    }

    /** The request with attributes of its own, so that looking its route up leaves the real request untouched. */
    private static final class DetachedAttributes extends HttpServletRequestWrapper {
        private final Map<String, Object> attributes = new HashMap<>();
        private final Set<String> removed = new HashSet<>();

        DetachedAttributes(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Object getAttribute(String name) {
            if (attributes.containsKey(name)) {
                return attributes.get(name);
            }
            return removed.contains(name) ? null : super.getAttribute(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            attributes.put(name, value);
            removed.remove(name);
        }

        @Override
        public void removeAttribute(String name) {
            attributes.remove(name);
            removed.add(name);
        }

        @Override
        public Enumeration<String> getAttributeNames() {
            Set<String> names = new HashSet<>(Collections.list(super.getAttributeNames()));
            names.removeAll(removed);
            names.addAll(attributes.keySet());
            return Collections.enumeration(names);
        }
    }
}
