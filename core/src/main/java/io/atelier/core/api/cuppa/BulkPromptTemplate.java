package io.atelier.core.api.cuppa;

import io.atelier.core.article.Article;
import io.atelier.core.brand.BrandKitService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bulk's {@code prompt_template}: text with {@code {{title}}}, {@code {{summary}}} and
 * {@code {{keywords}}} (comma-separated) placeholders, spaces inside the braces allowed. Any other
 * placeholder, or a stray {@code {{} / {@code }}}, is refused when the request is made, before any
 * generation exists.
 *
 * <p>Without a template, {@link #DEFAULT} writes a featured-image prompt from the article:
 * {@code Featured image for the article "<title>". <summary> Themes: <keywords>. Editorial
 * illustration without text.} — the summary and themes sentences are left out when empty, and a
 * long summary is shortened (at a word boundary) so that the whole prompt fits.
 */
final class BulkPromptTemplate {

    static final int MAX_LENGTH = 1000;
    static final Set<String> FIELDS = Set.of("title", "summary", "keywords");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    static final BulkPromptTemplate DEFAULT = new BulkPromptTemplate(null, List.of());

    /** Literal text and field names, alternating as they appear; null text = the default composition. */
    private final String source;
    private final List<Object> parts;

    private BulkPromptTemplate(String source, List<Object> parts) {
        this.source = source;
        this.parts = parts;
    }

    private record Field(String name) {
    }

    /** @throws CuppaApiException 400 on {@code prompt_template} */
    static BulkPromptTemplate parse(String template) {
        if (template.length() > MAX_LENGTH) {
            throw CuppaApiException.invalid("prompt_template", "prompt_template must be at most " + MAX_LENGTH + " characters");
        }
        List<Object> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        int at = 0;
        while (m.find()) {
            String name = m.group(1);
            if (!FIELDS.contains(name)) {
                throw CuppaApiException.invalid("prompt_template", "prompt_template has an unknown placeholder {{" + name
                        + "}}; use {{title}}, {{summary}} or {{keywords}}");
            }
            parts.add(literal(template.substring(at, m.start())));
            parts.add(new Field(name));
            at = m.end();
        }
        parts.add(literal(template.substring(at)));
        return new BulkPromptTemplate(template, List.copyOf(parts));
    }

    private static String literal(String text) {
        if (text.contains("{{") || text.contains("}}")) {
            throw CuppaApiException.invalid("prompt_template", "prompt_template has a malformed placeholder; write {{title}}, "
                    + "{{summary}} or {{keywords}}");
        }
        return text;
    }

    boolean isDefault() {
        return source == null;
    }

    /** The template as given; null for the default. */
    String source() {
        return source;
    }

    /** The prompt for one article, stripped and cut at a word boundary to {@code maxLength}. */
    String render(Article article, int maxLength) {
        String text = source == null ? composeDefault(article, maxLength) : substitute(article);
        return BrandKitService.fit(text.strip(), maxLength);
    }

    private String substitute(Article article) {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Field field) {
                out.append(value(article, field.name()));
            } else {
                out.append((String) part);
            }
        }
        return out.toString();
    }

    private static String value(Article article, String field) {
        return switch (field) {
            case "title" -> article.title();
            case "summary" -> article.summary() == null ? "" : article.summary();
            case "keywords" -> String.join(", ", article.keywords());
            default -> throw new IllegalStateException("unchecked placeholder " + field);
        };
    }

    /** The default prompt; a long summary is shortened so that the sentences after it still fit. */
    private static String composeDefault(Article article, int maxLength) {
        String head = "Featured image for the article \"" + article.title() + "\".";
        String tail = (article.keywords().isEmpty() ? "" : "Themes: " + String.join(", ", article.keywords()) + ". ")
                + "Editorial illustration without text.";
        if (article.summary() == null) {
            return head + " " + tail;
        }
        int room = maxLength - head.length() - tail.length() - 2;
        String summary = BrandKitService.fit(article.summary().replaceAll("\\s+", " ").strip(), Math.max(0, room - 1));
        return summary.isEmpty() ? head + " " + tail : head + " " + sentence(summary) + " " + tail;
    }

    private static String sentence(String text) {
        String t = text.strip();
        char last = t.charAt(t.length() - 1);
        return last == '.' || last == '!' || last == '?' ? t : t + ".";
    }
}
