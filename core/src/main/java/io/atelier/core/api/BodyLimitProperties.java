package io.atelier.core.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Request body limits ({@code atelier.http.body-limit.*}), enforced before anything is parsed.
 *
 * @param json      the most any route's body may be unless it declares more ({@link BodyLimit}), default 1MB
 * @param anonymous the most a route that needs no credentials may take (public gallery, reports,
 *                  the moderation sign-in), default 16KB
 */
@ConfigurationProperties("atelier.http.body-limit")
public record BodyLimitProperties(@DefaultValue("1MB") DataSize json, @DefaultValue("16KB") DataSize anonymous) {

    public BodyLimitProperties {
        json = json == null ? DataSize.ofMegabytes(1) : json;
        anonymous = anonymous == null ? DataSize.ofKilobytes(16) : anonymous;
        if (json.toBytes() < 1 || anonymous.toBytes() < 1) {
            throw new IllegalArgumentException("atelier.http.body-limit.* must be positive");
        }
    }
}
