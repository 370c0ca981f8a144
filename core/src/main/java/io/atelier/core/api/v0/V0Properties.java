package io.atelier.core.api.v0;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code atelier.v0.sync-timeout}: how long a sync {@code POST /v0/images/generations} waits before 504. */
@ConfigurationProperties("atelier.v0")
record V0Properties(@DefaultValue("180s") Duration syncTimeout) {
}
