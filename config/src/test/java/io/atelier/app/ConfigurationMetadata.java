package io.atelier.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Every property of every {@code META-INF/spring-configuration-metadata.json} on the class path:
 * Atelier's modules' (written by {@code spring-boot-configuration-processor}) and Spring Boot's own.
 */
final class ConfigurationMetadata {

    /** One property: its type, default (as text, or null) and description (or null). */
    record Property(String name, String type, String defaultValue, String description) {
    }

    private ConfigurationMetadata() {
    }

    static Map<String, Property> all() {
        Map<String, Property> out = new TreeMap<>();
        try {
            for (URL url : Collections.list(ConfigurationMetadata.class.getClassLoader()
                    .getResources("META-INF/spring-configuration-metadata.json"))) {
                read(url, out);
            }
            for (URL url : Collections.list(ConfigurationMetadata.class.getClassLoader()
                    .getResources("META-INF/additional-spring-configuration-metadata.json"))) {
                read(url, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Atelier's own properties ({@code atelier.*}). */
    static Map<String, Property> atelier() {
        Map<String, Property> out = new TreeMap<>();
        all().forEach((name, p) -> {
            if (name.startsWith("atelier.")) {
                out.put(name, p);
            }
        });
        return out;
    }

    /**
     * A property or environment variable name reduced to what relaxed binding compares: upper case
     * letters and digits only ({@code atelier.storage.s3.path-style}, {@code ATELIER_STORAGE_S3_PATHSTYLE}
     * and {@code ATELIER_STORAGE_S3_PATH_STYLE} are all {@code ATELIERSTORAGES3PATHSTYLE}).
     */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
    }

    private static void read(URL url, Map<String, Property> out) throws IOException {
        try (InputStream in = url.openStream()) {
            JsonNode root = ApiClient.JSON.readTree(in);
            for (JsonNode p : root.path("properties")) {
                String name = p.get("name").stringValue();
                JsonNode defaultValue = p.get("defaultValue");
                String shown;
                if (defaultValue == null || defaultValue.isNull()) {
                    shown = null;
                } else if (defaultValue.isArray()) {
                    java.util.List<String> values = new java.util.ArrayList<>();
                    defaultValue.forEach(v -> values.add(v.asString()));
                    shown = String.join(", ", values);
                } else {
                    shown = defaultValue.asString();
                }
                out.putIfAbsent(name, new Property(name, p.path("type").asString(""), shown,
                        p.has("description") ? p.get("description").asString() : null));
            }
        }
    }
}
