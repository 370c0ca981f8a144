package io.atelier.core.brand;

import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Teams' brand kits, and the one rule that turns a kit into prompt text ({@link #applyTo}), shared
 * by every surface that honours a brand (Cuppa's {@code use_brand_colors}, chat commands, the
 * prompt pipeline) so that the same kit always steers a prompt the same way.
 */
@Service
public class BrandKitService {

    private final BrandKitRepository repository;

    BrandKitService(BrandKitRepository repository) {
        this.repository = repository;
    }

    /** The team's kit; empty when the team never saved one. */
    public Optional<BrandKit> find(String teamId) {
        return repository.find(Objects.requireNonNull(teamId, "teamId"));
    }

    /** Stores the team's kit, replacing the previous one (an {@link BrandKit#EMPTY empty} kit clears it). */
    public BrandKit save(String teamId, BrandKit kit) {
        repository.save(Objects.requireNonNull(teamId, "teamId"), Objects.requireNonNull(kit, "kit"));
        return kit;
    }

    /** {@link #applyTo(String, BrandKit, int)} without a length budget. */
    public String applyTo(String prompt, BrandKit kit) {
        return applyTo(prompt, kit, Integer.MAX_VALUE);
    }

    /**
     * The prompt followed by the kit as a clause: {@code "<prompt>. Brand palette: #1e3a8a (navy),
     * #f97316; style: minimal, flat"} (no palette part without colours, no style part without
     * words; an empty kit adds nothing). Deterministic: same prompt, kit and budget, same text.
     *
     * <p>The result is at most {@code maxLength} characters. When the whole clause does not fit, it
     * loses style words from the end, then colours from the end, down to one entry; when even that
     * does not fit, the prompt is cut at a word boundary to make room. A budget too small for any
     * clause returns the prompt cut to the budget.
     */
    public String applyTo(String prompt, BrandKit kit, int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be positive: " + maxLength);
        }
        String base = prompt == null ? "" : prompt.strip();
        if (kit == null || kit.isEmpty()) {
            return fit(base, maxLength);
        }
        int colors = kit.colors().size();
        int words = kit.styleWords().size();
        while (true) {
            String joined = join(base, clause(kit, colors, words));
            if (joined.length() <= maxLength) {
                return joined;
            }
            if (words > (colors == 0 ? 1 : 0)) {
                words--;
            } else if (colors > 1) {
                colors--;
            } else {
                break;
            }
        }
        String shortest = clause(kit, colors, words);
        int room = maxLength - shortest.length() - 2;
        if (room < 1) {
            return fit(base, maxLength);
        }
        return join(fit(base, room), shortest);
    }

    private static String clause(BrandKit kit, int colors, int words) {
        StringBuilder out = new StringBuilder();
        if (colors > 0) {
            out.append("Brand palette: ").append(kit.colors().stream().limit(colors).map(BrandColor::promptText)
                    .collect(Collectors.joining(", ")));
        }
        if (words > 0) {
            out.append(colors > 0 ? "; style: " : "Style: ")
                    .append(String.join(", ", kit.styleWords().subList(0, words)));
        }
        return out.toString();
    }

    private static String join(String base, String clause) {
        if (base.isEmpty()) {
            return clause;
        }
        char last = base.charAt(base.length() - 1);
        return base + (last == '.' || last == '!' || last == '?' ? " " : ". ") + clause;
    }

    /**
     * {@code text} cut to at most {@code max} characters, at the last space when one lies in the
     * second half (so words stay whole), without trailing punctuation or a split surrogate pair.
     */
    public static String fit(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        String cut = text.substring(0, max);
        int space = cut.lastIndexOf(' ');
        if (space >= max / 2) {
            cut = cut.substring(0, space);
        }
        int end = cut.length();
        while (end > 0 && (Character.isWhitespace(cut.charAt(end - 1)) || ",;:-".indexOf(cut.charAt(end - 1)) >= 0
                || Character.isHighSurrogate(cut.charAt(end - 1)))) {
            end--;
        }
        return cut.substring(0, end);
    }
}
