package io.atelier.core.prompt.template;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Banatie's seven enhancement templates, with the descriptions of its document. {@code general}
 * is the default when a request enhances without naming one.
 */
public final class BuiltInTemplates {

    public static final String DEFAULT = "general";
    private static final Instant EPOCH = Instant.EPOCH;
    private static final Map<String, PromptTemplate> TEMPLATES = new LinkedHashMap<>();

    static {
        add("general", "Balanced enhancement (default)",
                "Add concrete visual detail a viewer would notice: setting, lighting, composition, colour and mood. "
                        + "Stay in whatever medium or style the user named; do not force photography or illustration.",
                List.of("highly detailed", "balanced composition", "soft natural lighting", "rich colors", "high quality"),
                "blurry, low quality, distorted, deformed, watermark");
        add("photorealistic", "Photography terms, lighting, camera details",
                "Describe the image as a real photograph: name the shot type (close-up, establishing shot, portrait), "
                        + "the camera and lens (for example 85mm at f/1.8), the light (natural window light, golden hour, "
                        + "studio softbox), depth of field with bokeh where it fits, and fine texture detail.",
                List.of("photorealistic photograph", "natural lighting", "shot on 85mm lens", "shallow depth of field",
                        "sharp focus", "fine texture detail"),
                "cartoon, illustration, painting, drawing, 3d render, cgi, blurry, low quality, distorted");
        add("illustration", "Art style, composition, color palette",
                "Describe the image as an illustration: name an art style and medium (digital painting, gouache, ink), "
                        + "the colour palette, the composition and the line quality.",
                List.of("digital illustration", "clean linework", "harmonious color palette", "balanced composition",
                        "detailed shading"),
                "photo, photorealistic, blurry, low quality, distorted, deformed");
        add("minimalist", "Clean, simple, essential elements",
                "Reduce the image to its essential elements: simple shapes, few colours, lots of negative space, a clean "
                        + "and centred composition. Suited to logos and icons; remove clutter rather than adding detail.",
                List.of("minimalist", "simple shapes", "clean composition", "generous negative space",
                        "limited color palette", "flat colors"),
                "clutter, busy background, excessive detail, gradients, noise");
        add("sticker", "Bold outlines, limited colors, vector style",
                "Describe a die-cut sticker: one subject, bold clean outlines, a few flat colours, vector style, a white "
                        + "border and a plain background.",
                List.of("die-cut sticker", "bold clean outlines", "limited flat colors", "vector style", "white border",
                        "plain background"),
                "photorealistic, complex background, gradients, shadows, blurry, low quality");
        add("product", "Studio lighting, materials, lifestyle context",
                "Describe professional product photography: studio lighting (softboxes, rim light), the materials and "
                        + "textures of the product, a clean or lifestyle setting that suits it, commercial polish.",
                List.of("professional product photography", "studio softbox lighting", "clean seamless background",
                        "accurate materials and textures", "sharp focus", "commercial quality"),
                "clutter, distracting background, harsh shadows, blurry, low quality, distorted, watermark");
        add("comic", "Action lines, expressions, panel composition",
                "Describe a comic-book panel: bold ink outlines, dynamic action lines, expressive faces and poses, "
                        + "halftone shading and a dramatic panel composition.",
                List.of("comic book art", "bold ink outlines", "dynamic action lines", "expressive characters",
                        "halftone shading", "dramatic panel composition"),
                "photorealistic, photo, blurry, low quality, muted colors");
    }

    private BuiltInTemplates() {
    }

    private static void add(String name, String description, String guidance, List<String> cues, String negative) {
        TEMPLATES.put(name, new PromptTemplate(name, description, guidance, cues, negative, true, null, EPOCH, EPOCH));
    }

    public static List<PromptTemplate> all() {
        return List.copyOf(TEMPLATES.values());
    }

    /** The built-in of this (lower-case) name. */
    public static Optional<PromptTemplate> find(String name) {
        return Optional.ofNullable(TEMPLATES.get(name));
    }

    public static boolean isBuiltIn(String name) {
        return TEMPLATES.containsKey(name);
    }
}
