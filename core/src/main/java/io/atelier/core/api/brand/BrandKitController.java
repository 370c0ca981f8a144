package io.atelier.core.api.brand;

import io.atelier.core.account.Caller;
import io.atelier.core.api.JsonBody;
import io.atelier.core.brand.BrandColor;
import io.atelier.core.brand.BrandKit;
import io.atelier.core.brand.BrandKitService;
import io.atelier.core.brand.BrandKitValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The team's brand kit in the native API ({@code /api/v1/brand-kit}, Banatie's envelope
 * {@code {success, data}}): {@code GET} reads it (an empty kit when never saved), {@code PUT}
 * replaces it. Colours are {@code {"hex": "#1e3a8a", "name": "navy"}} objects or bare hex strings.
 *
 * <p>Why here and not in {@code io.atelier.core.brand}: the controller needs the HTTP plumbing of
 * {@code io.atelier.core.api} (JsonBody, the auth exceptions), and the Cuppa dialect (also in
 * {@code api}) needs the brand service; a controller inside {@code brand} would make {@code api}
 * and {@code brand} depend on each other. Why not in {@code api.v1}: that package belongs to the
 * native generations API; this one keeps its own small advice with the same envelope and codes.
 */
@RestController
@RequestMapping("/api/v1/brand-kit")
class BrandKitController {

    private final BrandKitService brandKits;

    BrandKitController(BrandKitService brandKits) {
        this.brandKits = brandKits;
    }

    @GetMapping
    Map<String, Object> get(Caller caller) {
        return ok(view(brandKits.find(caller.teamId()).orElse(BrandKit.EMPTY)));
    }

    /** Replaces the kit; an absent or null list means empty, so {@code {}} clears the kit. */
    @PutMapping
    Map<String, Object> put(Caller caller, @RequestBody(required = false) JsonNode body) {
        JsonBody.of(body);
        List<BrandColor> colors = colors(body.get("colors"));
        List<String> styleWords = styleWords(body.get("styleWords"));
        return ok(view(brandKits.save(caller.teamId(), new BrandKit(colors, styleWords))));
    }

    private static List<BrandColor> colors(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new BrandKitValidationException("colors", "colors must be an array of {hex, name} objects or hex strings");
        }
        if (node.size() > BrandKit.MAX_COLORS) {
            throw new BrandKitValidationException("colors", "colors may hold at most " + BrandKit.MAX_COLORS
                    + " colours, not " + node.size());
        }
        List<BrandColor> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String field = "colors[" + i + "]";
            JsonNode color = node.get(i);
            try {
                if (color.isString()) {
                    out.add(new BrandColor(color.stringValue(), null));
                } else if (color.isObject()) {
                    out.add(new BrandColor(text(color, "hex", field), text(color, "name", field)));
                } else {
                    throw new BrandKitValidationException(field, field + " must be an object {hex, name} or a hex string");
                }
            } catch (BrandKitValidationException e) {
                throw e.field().startsWith(field) ? e : e.under(field);
            }
        }
        return out;
    }

    private static String text(JsonNode object, String name, String parent) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new BrandKitValidationException(parent + "." + name, parent + "." + name + " must be a string");
        }
        return value.stringValue();
    }

    private static List<String> styleWords(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new BrandKitValidationException("styleWords", "styleWords must be an array of strings");
        }
        if (node.size() > BrandKit.MAX_STYLE_WORDS) {
            throw new BrandKitValidationException("styleWords", "styleWords may hold at most " + BrandKit.MAX_STYLE_WORDS
                    + " entries, not " + node.size());
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isString()) {
                throw new BrandKitValidationException("styleWords[" + i + "]", "styleWords[" + i + "] must be a string");
            }
            out.add(node.get(i).stringValue());
        }
        return out;
    }

    private static Map<String, Object> view(BrandKit kit) {
        List<Map<String, Object>> colors = kit.colors().stream().map(c -> {
            Map<String, Object> color = new LinkedHashMap<>();
            color.put("hex", c.hex());
            color.put("name", c.name());
            return color;
        }).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("colors", colors);
        out.put("styleWords", kit.styleWords());
        return out;
    }

    private static Map<String, Object> ok(Object data) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("data", data);
        return out;
    }
}
