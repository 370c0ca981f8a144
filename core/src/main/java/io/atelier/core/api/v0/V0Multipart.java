package io.atelier.core.api.v0;

import io.atelier.core.api.JsonFieldException;
import io.atelier.core.prompt.preset.Preset;
import io.atelier.core.prompt.preset.PresetRequirement;
import io.atelier.core.prompt.preset.PresetService;
import io.atelier.core.prompt.preset.RequirementType;
import io.atelier.core.provider.ProviderRequest.SourceImage;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A multipart v0 generation body: text fields become the JSON body's typed fields, file parts
 * become the preset's file inputs, exactly as the document shows:
 * <pre>
 * prompt=&lt;string&gt;  presetId=&lt;id&gt;  variables=&lt;JSON-stringified object&gt;
 * &lt;requirementKey&gt;=@./file.jpg         (a type=file requirement)
 * &lt;requirementKey&gt;_0=@./a.jpg          (a multiple=true file requirement, numbered from 0)
 * &lt;requirementKey&gt;_1=@./b.jpg
 * </pre>
 * The other JSON fields may be sent as text too ({@code sampleCount=2}, {@code isPublic=true},
 * {@code aspectRatio=16:9}); {@code refImageUrls} as repeated fields or one JSON array,
 * {@code refImageBase64} as a JSON array.
 *
 * <p>A part is a file input when its name is a file requirement of the preset ({@code key}, or
 * {@code key_N} for a {@code multiple} one), or when it carries a file name; a file part that matches
 * no file requirement is a 400 naming it. Numbered parts must run 0, 1, 2… without gaps. The type of
 * each file is read from its bytes; the core's preset service then checks required, multiple and
 * maxFiles.
 */
final class V0Multipart {

    static final Set<String> TEXT_FIELDS = Set.of("prompt", "presetId", "variables", "negativePrompt", "aspectRatio",
            "resolution", "sampleCount", "modelVersion", "isPublic", "refImageUrls", "refImageBase64");
    static final int MAX_TEXT_FIELD = 1024 * 1024;
    private static final Pattern NUMBERED = Pattern.compile("(.+)_(\\d{1,3})");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * @param body         the text fields as a JSON object of the JSON body's types
     * @param files        file inputs by requirement key, in upload order
     * @param filesAsGiven part name, file name, detected type and size of each file
     */
    record Parsed(ObjectNode body, Map<String, List<SourceImage>> files, List<Map<String, Object>> filesAsGiven) {
    }

    private V0Multipart() {
    }

    static Parsed read(HttpServletRequest request, String teamId, PresetService presets) {
        Collection<Part> parts = parts(request);
        Map<String, List<String>> text = new LinkedHashMap<>();
        List<Part> fileParts = new ArrayList<>();
        for (Part part : parts) {
            if (TEXT_FIELDS.contains(part.getName())) {
                text.computeIfAbsent(part.getName(), k -> new ArrayList<>()).add(textOf(part));
            } else {
                fileParts.add(part);
            }
        }
        ObjectNode body = toJson(text);
        String presetId = body.hasNonNull("presetId") ? body.get("presetId").stringValue().strip() : "";
        Optional<Preset> preset = Optional.empty();
        boolean anyFile = fileParts.stream().anyMatch(p -> p.getSubmittedFileName() != null);
        if (!presetId.isEmpty() && !fileParts.isEmpty()) {
            if (presetId.length() > V0RequestMapper.MAX_ID_LENGTH) {
                throw new JsonFieldException("presetId", "presetId must be at most " + V0RequestMapper.MAX_ID_LENGTH
                        + " characters");
            }
            preset = presets.find(teamId, presetId);
            if (preset.isEmpty() && anyFile) {
                throw new JsonFieldException("presetId", "presetId: unknown preset '" + presetId + "'");
            }
        }
        Map<String, PresetRequirement> fileRequirements = new LinkedHashMap<>();
        preset.ifPresent(p -> p.requirements().stream().filter(r -> r.type() == RequirementType.FILE)
                .forEach(r -> fileRequirements.put(r.key(), r)));

        Map<String, TreeMap<Integer, SourceImage>> numbered = new LinkedHashMap<>();
        Map<String, SourceImage> single = new LinkedHashMap<>();
        List<Map<String, Object>> asGiven = new ArrayList<>();
        for (Part part : fileParts) {
            String name = part.getName();
            String key;
            Integer index = null;
            Matcher m = NUMBERED.matcher(name);
            if (fileRequirements.containsKey(name)) {
                key = name;
            } else if (m.matches() && fileRequirements.containsKey(m.group(1))) {
                key = m.group(1);
                index = Integer.parseInt(m.group(2));
            } else if (part.getSubmittedFileName() == null) {
                continue; // an unknown text field: ignored, as unknown JSON fields are
            } else if (presetId.isEmpty()) {
                throw new JsonFieldException(name, "file '" + name + "' needs a presetId: uploaded files are the "
                        + "file inputs of a preset");
            } else {
                throw new JsonFieldException(name, "'" + name + "' is not a file input of preset '" + presetId + "'; "
                        + (fileRequirements.isEmpty() ? "it takes no files"
                        : "it takes: " + String.join(", ", fileRequirements.keySet())
                        + " (key_0, key_1… for multiple files)"));
            }
            byte[] bytes = bytesOf(part);
            if (bytes.length == 0) {
                throw new JsonFieldException(name, "file '" + name + "' is empty");
            }
            String type = ImageMagic.mediaType(bytes).orElseThrow(() -> new JsonFieldException(name,
                    "file '" + name + "' is not a " + ImageMagic.ACCEPTED + " image"));
            SourceImage image = new SourceImage(bytes, type);
            if (index == null) {
                if (single.put(key, image) != null) {
                    throw new JsonFieldException(name, "file '" + name + "' was given twice; use " + key + "_0, "
                            + key + "_1… for several files");
                }
            } else if (numbered.computeIfAbsent(key, k -> new TreeMap<>()).put(index, image) != null) {
                throw new JsonFieldException(name, "file '" + name + "' was given twice");
            }
            Map<String, Object> described = new LinkedHashMap<>();
            described.put("field", name);
            described.put("filename", part.getSubmittedFileName());
            described.put("mimeType", type);
            described.put("bytes", bytes.length);
            asGiven.add(described);
        }
        Map<String, List<SourceImage>> files = new LinkedHashMap<>();
        single.forEach((key, image) -> {
            if (numbered.containsKey(key)) {
                throw new JsonFieldException(key, "give '" + key + "' either as one file or as " + key + "_0, "
                        + key + "_1…, not both");
            }
            files.put(key, List.of(image));
        });
        numbered.forEach((key, byIndex) -> {
            int expected = 0;
            for (int index : byIndex.keySet()) {
                if (index != expected) {
                    throw new JsonFieldException(key + "_" + expected, "file '" + key + "_" + expected
                            + "' is missing: numbered files run " + key + "_0, " + key + "_1… without gaps");
                }
                expected++;
            }
            files.put(key, List.copyOf(byIndex.values()));
        });
        return new Parsed(body, files, List.copyOf(asGiven));
    }

    /** Text fields converted to the JSON body's types, so both bodies share one validation. */
    private static ObjectNode toJson(Map<String, List<String>> text) {
        ObjectNode body = JSON.createObjectNode();
        for (Map.Entry<String, List<String>> e : text.entrySet()) {
            String field = e.getKey();
            List<String> values = e.getValue();
            if (field.equals("refImageUrls")) {
                ArrayNode urls = body.putArray(field);
                for (String v : values) {
                    if (values.size() == 1 && v.strip().startsWith("[")) {
                        JsonNode parsed = parse(field, v);
                        if (!parsed.isArray()) {
                            throw new JsonFieldException(field, field + " must be a URL or a JSON array of URLs");
                        }
                        parsed.forEach(urls::add);
                    } else {
                        urls.add(v.strip());
                    }
                }
                continue;
            }
            if (values.size() > 1) {
                throw new JsonFieldException(field, field + " was given " + values.size() + " times");
            }
            String v = values.getFirst();
            switch (field) {
                case "variables" -> {
                    JsonNode parsed = v.isBlank() ? JSON.createObjectNode() : parse(field, v);
                    if (!parsed.isObject()) {
                        throw new JsonFieldException(field, "variables must be a JSON-stringified object");
                    }
                    body.set(field, parsed);
                }
                case "refImageBase64" -> body.set(field, parse(field, v));
                case "sampleCount" -> {
                    try {
                        body.put(field, Integer.parseInt(v.strip()));
                    } catch (NumberFormatException notInt) {
                        throw new JsonFieldException(field, field + " must be an integer");
                    }
                }
                case "isPublic" -> {
                    switch (v.strip()) {
                        case "true", "1" -> body.put(field, true);
                        case "false", "0", "" -> body.put(field, false);
                        default -> throw new JsonFieldException(field, field + " must be true or false");
                    }
                }
                default -> body.put(field, v);
            }
        }
        return body;
    }

    private static JsonNode parse(String field, String value) {
        try {
            return JSON.readTree(value);
        } catch (JacksonException e) {
            throw new JsonFieldException(field, field + " is not valid JSON");
        }
    }

    private static Collection<Part> parts(HttpServletRequest request) {
        try {
            return request.getParts();
        } catch (MaxUploadSizeExceededException e) {
            throw e;
        } catch (IllegalStateException | IOException | ServletException e) {
            if (tooLarge(e)) {
                throw new MaxUploadSizeExceededException(-1, e);
            }
            throw new JsonFieldException("body", "the multipart/form-data body could not be read");
        }
    }

    private static boolean tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getSimpleName();
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (name.contains("SizeLimitExceeded") || name.contains("SizeException") || message.contains("exceed")) {
                return true;
            }
        }
        return false;
    }

    private static String textOf(Part part) {
        if (part.getSize() > MAX_TEXT_FIELD) {
            throw new JsonFieldException(part.getName(), part.getName() + " must be at most 1MB");
        }
        return new String(bytesOf(part), StandardCharsets.UTF_8);
    }

    private static byte[] bytesOf(Part part) {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new JsonFieldException(part.getName(), "'" + part.getName() + "' could not be read");
        }
    }
}
