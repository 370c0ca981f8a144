package io.atelier.core.prompt.preset;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Presets every team has: product shot, blog featured image, avatar, sticker. Read-only. */
final class BuiltInPresets {

    private static final Map<String, Preset> PRESETS = new LinkedHashMap<>();

    static {
        add(new Preset("product-shot", null, "Product shot",
                "A clean e-commerce photo of one product; upload a photo of it to restage it.",
                "Professional studio photo of {{product}} on a {{background}} background, {{angle}} view, {{details}}",
                List.of(
                        text("product", "Product", "What the product is, e.g. 'a white ceramic coffee mug'", true, null),
                        choice("background", "Background", List.of("white", "light grey", "marble", "wooden", "pastel",
                                "lifestyle"), "white"),
                        choice("angle", "Angle", List.of("front", "three-quarter", "top-down", "side"), "three-quarter"),
                        text("details", "Details", "Extra details: props, materials, mood", false, null),
                        file("product_photo", "Product photo", "A photo of the product to restage (optional)",
                                false, false, FileRole.SOURCE)),
                null, "1:1", null, "product", null, true, Instant.EPOCH, Instant.EPOCH));
        add(new Preset("blog-featured-image", null, "Blog featured image",
                "A wide header image for an article, with room for a headline.",
                "Editorial header image for an article about {{topic}}, {{style}} style, {{mood}} mood, "
                        + "wide composition with calm space for a headline",
                List.of(
                        text("topic", "Topic", "What the article is about", true, null),
                        choice("style", "Style", List.of("flat illustration", "photographic", "3d render", "watercolor",
                                "abstract"), "flat illustration"),
                        choice("mood", "Mood", List.of("optimistic", "calm", "dramatic", "playful", "serious"), "optimistic")),
                null, "16:9", null, "general", "text, letters, watermark, logo", true,
                Instant.EPOCH, Instant.EPOCH));
        add(new Preset("avatar", null, "Avatar",
                "A square profile picture; upload a photo to base it on.",
                "Profile avatar of {{subject}}, {{style}} style, head and shoulders, centered, plain {{background}} background",
                List.of(
                        text("subject", "Subject", "Who or what, e.g. 'a smiling woman with curly red hair'", true, null),
                        choice("style", "Style", List.of("cartoon", "anime", "3d", "pixel art", "watercolor", "realistic"),
                                "cartoon"),
                        text("background", "Background colour", null, false, "pastel blue"),
                        file("photo", "Photo", "A photo to base the avatar on (optional)", false, false, FileRole.SOURCE)),
                null, "1:1", null, "general", "text, watermark, extra limbs, deformed face", true,
                Instant.EPOCH, Instant.EPOCH));
        add(new Preset("sticker", null, "Sticker",
                "A die-cut sticker with a thick outline on a plain background.",
                "Die-cut sticker of {{subject}} in a {{style}} style with a thick {{outline}} outline",
                List.of(
                        text("subject", "Subject", "What the sticker shows", true, null),
                        choice("style", "Style", List.of("kawaii", "retro", "bold cartoon", "minimal line art"), "kawaii"),
                        text("outline", "Outline colour", null, false, "white")),
                null, "1:1", null, "sticker", null, true, Instant.EPOCH, Instant.EPOCH));
    }

    private BuiltInPresets() {
    }

    private static void add(Preset preset) {
        PRESETS.put(preset.id(), preset);
    }

    private static PresetRequirement text(String key, String label, String description, boolean required, String def) {
        return new PresetRequirement(key, RequirementType.TEXT, label, description, required, def, List.of(), null, null,
                null, false, 1, null);
    }

    private static PresetRequirement choice(String key, String label, List<String> options, String def) {
        return new PresetRequirement(key, RequirementType.ENUM, label, null, false, def, options, null, null, null, false,
                1, null);
    }

    private static PresetRequirement file(String key, String label, String description, boolean required,
                                          boolean multiple, FileRole role) {
        return new PresetRequirement(key, RequirementType.FILE, label, description, required, null, List.of(), null,
                null, null, multiple, multiple ? PresetService.DEFAULT_MAX_FILES : 1, role);
    }

    public static List<Preset> all() {
        return List.copyOf(PRESETS.values());
    }

    public static Optional<Preset> find(String id) {
        return Optional.ofNullable(PRESETS.get(id));
    }

    public static boolean isBuiltIn(String id) {
        return PRESETS.containsKey(id);
    }
}
