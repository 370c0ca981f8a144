package io.atelier.core.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The most a route's request body may be ({@link BodyLimitFilter}), for routes that document a
 * larger body than {@code atelier.http.body-limit.json} (JSON carrying base64 images, raw image
 * uploads) or whose callers are not API keys but still send more than
 * {@code atelier.http.body-limit.anonymous} (signed Slack payloads, the moderation console's forms).
 * A data size ({@code 32MB}, {@code 64KB}), or a property placeholder with a default
 * ({@code ${spring.servlet.multipart.max-request-size:60MB}}). On a method it wins over the class.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface BodyLimit {
    String value();
}
