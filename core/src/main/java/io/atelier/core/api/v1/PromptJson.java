package io.atelier.core.api.v1;

import io.atelier.core.api.JsonFieldException;
import io.atelier.core.provider.ProviderRequest.SourceImage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Strict readers for the prompt pipeline's JSON shapes that {@link io.atelier.core.api.JsonBody}
 * has no reader for: string lists, preset variables, base64 file inputs. Errors name the field.
 */
final class PromptJson {

    /** Largest decoded file input (the v0 document's reference images are of this order). */
    static final int MAX_FILE_BYTES = 20 * 1024 * 1024;
    static final int MAX_FILES = 10;

    private PromptJson() {
    }

    static Optional<JsonNode> node(JsonNode parent, String field) {
        JsonNode v = parent == null ? null : parent.get(field);
        return v == null || v.isNull() || v.isMissingNode() ? Optional.empty() : Optional.of(v);
    }

    static Optional<List<String>> strings(JsonNode parent, String field, String name) {
        return node(parent, field).map(v -> {
            if (!v.isArray()) {
                throw new JsonFieldException(name, name + " must be an array of strings");
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode item = v.get(i);
                if (!item.isString()) {
                    throw new JsonFieldException(name + "[" + i + "]", name + "[" + i + "] must be a string");
                }
                out.add(item.stringValue());
            }
            return out;
        });
    }

    /**
     * Preset variables: an object of strings, numbers (as BigDecimal) and booleans; {@code null}
     * means not given. Nested objects and arrays are field errors.
     */
    static Optional<Map<String, Object>> variables(JsonNode parent, String field) {
        return node(parent, field).map(v -> {
            if (!v.isObject()) {
                throw new JsonFieldException(field, field + " must be an object");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (String key : v.propertyNames()) {
                JsonNode value = v.get(key);
                String name = field + "." + key;
                if (value == null || value.isNull()) {
                    continue;
                }
                out.put(key, scalar(value, name));
            }
            return out;
        });
    }

    static Object scalar(JsonNode value, String name) {
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        throw new JsonFieldException(name, name + " must be a string, a number or a boolean");
    }

    static Optional<BigDecimal> decimal(JsonNode parent, String field, String name) {
        return node(parent, field).map(v -> {
            if (!v.isNumber()) {
                throw new JsonFieldException(name, name + " must be a number");
            }
            return v.decimalValue();
        });
    }

    /**
     * File inputs: {@code {"key": {"mimeType": "image/png", "data": "<base64>"}}} or, for a
     * multiple-file requirement, {@code {"key": [{…}, {…}]}}. {@code data} may also be a
     * {@code data:image/png;base64,…} URL, whose media type then applies.
     */
    static Optional<Map<String, List<SourceImage>>> files(JsonNode parent, String field) {
        return node(parent, field).map(v -> {
            if (!v.isObject()) {
                throw new JsonFieldException(field, field + " must be an object of file inputs");
            }
            Map<String, List<SourceImage>> out = new LinkedHashMap<>();
            int total = 0;
            for (String key : v.propertyNames()) {
                JsonNode value = v.get(key);
                String name = field + "." + key;
                List<SourceImage> list = new ArrayList<>();
                if (value.isArray()) {
                    for (int i = 0; i < value.size(); i++) {
                        list.add(file(value.get(i), name + "[" + i + "]"));
                    }
                } else if (value.isObject()) {
                    list.add(file(value, name));
                } else if (!value.isNull()) {
                    throw new JsonFieldException(name, name + " must be {mimeType, data} or an array of them");
                }
                total += list.size();
                if (total > MAX_FILES) {
                    throw new JsonFieldException(field, field + " holds more than " + MAX_FILES + " files");
                }
                out.put(key, list);
            }
            return out;
        });
    }

    private static SourceImage file(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            throw new JsonFieldException(name, name + " must be an object {mimeType, data}");
        }
        JsonNode dataNode = node.get("data");
        if (dataNode == null || !dataNode.isString() || dataNode.stringValue().isBlank()) {
            throw new JsonFieldException(name + ".data", name + ".data must be the file as a base64 string");
        }
        String data = dataNode.stringValue().strip();
        String mime = null;
        if (data.startsWith("data:")) {
            int comma = data.indexOf(',');
            String header = comma < 0 ? "" : data.substring(5, comma);
            if (comma < 0 || !header.endsWith(";base64")) {
                throw new JsonFieldException(name + ".data", name + ".data must be a base64 data URL (data:image/png;base64,…)");
            }
            mime = header.substring(0, header.length() - ";base64".length());
            data = data.substring(comma + 1);
        }
        JsonNode mimeNode = node.get("mimeType");
        if (mimeNode != null && !mimeNode.isNull()) {
            if (!mimeNode.isString()) {
                throw new JsonFieldException(name + ".mimeType", name + ".mimeType must be a string");
            }
            mime = mimeNode.stringValue().strip();
        }
        if (mime == null || mime.isEmpty()) {
            throw new JsonFieldException(name + ".mimeType", name + ".mimeType is required (e.g. image/png)");
        }
        if ((long) data.length() * 3 / 4 > MAX_FILE_BYTES + 4) {
            throw new JsonFieldException(name, name + " is larger than " + (MAX_FILE_BYTES / (1024 * 1024)) + " MB");
        }
        String compact = data.replaceAll("\\s+", "");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException standard) {
            try {
                bytes = Base64.getUrlDecoder().decode(compact);
            } catch (IllegalArgumentException urlSafe) {
                throw new JsonFieldException(name + ".data", name + ".data is not valid base64");
            }
        }
        return new SourceImage(bytes, mime);
    }

    /** One image input ({@code initImage}): {@code {mimeType, data}} or a base64 data URL in {@code data}. */
    static Optional<SourceImage> image(JsonNode parent, String field) {
        return node(parent, field).map(v -> file(v, field));
    }

    /** A list of image inputs ({@code referenceImages}), at most {@code max}. */
    static Optional<List<SourceImage>> images(JsonNode parent, String field, int max) {
        return node(parent, field).map(v -> {
            if (!v.isArray()) {
                throw new JsonFieldException(field, field + " must be an array of {mimeType, data}");
            }
            if (v.size() > max) {
                throw new JsonFieldException(field, field + " takes at most " + max + " images, got " + v.size());
            }
            List<SourceImage> list = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                list.add(file(v.get(i), field + "[" + i + "]"));
            }
            return list;
        });
    }

    /**
     * The request as given, with file and image contents replaced by their sizes (they are not kept in
     * the audit copy): {@code files}, {@code initImage}, {@code referenceImages}.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withoutFileData(Map<String, Object> request) {
        Map<String, Object> copy = new LinkedHashMap<>(request);
        if (request.get("files") instanceof Map<?, ?> map) {
            Map<String, Object> summary = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((key, value) -> summary.put(key, summarize(value)));
            copy.put("files", summary);
        }
        for (String field : List.of("initImage", "referenceImages")) {
            if (request.containsKey(field)) {
                copy.put(field, summarize(request.get(field)));
            }
        }
        return copy;
    }

    private static Object summarize(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(PromptJson::summarize).toList();
        }
        if (value instanceof Map<?, ?> file) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("mimeType", file.get("mimeType"));
            Object data = file.get("data");
            out.put("base64Length", data instanceof String s ? s.length() : null);
            return out;
        }
        return null;
    }
}
