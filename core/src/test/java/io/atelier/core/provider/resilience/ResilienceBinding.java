package io.atelier.core.provider.resilience;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Binds {@code atelier.resilience.*} from {@code key=value} pairs exactly as the application would. */
final class ResilienceBinding {

    private ResilienceBinding() {
    }

    static ResilienceProperties bind(String... properties) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String property : properties) {
            int eq = property.indexOf('=');
            map.put("atelier.resilience." + property.substring(0, eq), property.substring(eq + 1));
        }
        return new Binder(new MapConfigurationPropertySource(map)).bind("atelier.resilience", ResilienceProperties.class)
                .orElseGet(() -> new ResilienceProperties(null, null, null));
    }
}
