package io.atelier.core.prompt.moderation;

import java.util.List;
import java.util.Optional;

/**
 * An ordered set of compiled rules of one scope. Rules run on RE2/J (linear time, see
 * {@link BlocklistRule}); a {@link MatchBudget} shared by every rule that checks one prompt bounds
 * what many large rules over a long prompt can cost together.
 */
public final class Blocklist {

    private final String scope;
    private final List<BlocklistRule> rules;

    public Blocklist(String scope, List<BlocklistRule> rules) {
        this.scope = scope;
        this.rules = List.copyOf(rules);
    }

    public List<BlocklistRule> rules() {
        return rules;
    }

    /** The first rule that matches the (normalised) text, without a time limit. */
    public Optional<BlocklistMatch> firstMatch(String normalizedText) {
        return firstMatch(normalizedText, MatchBudget.unlimited());
    }

    /**
     * The first rule that matches the (normalised) text, spending from {@code budget}.
     *
     * @throws MatchBudget.Exceeded when the budget runs out before every rule has run; the caller
     *                              decides (the moderator refuses the prompt as unchecked)
     */
    public Optional<BlocklistMatch> firstMatch(String normalizedText, MatchBudget budget) {
        CharSequence text = budget.watch(normalizedText);
        for (BlocklistRule rule : rules) {
            budget.check();
            Optional<String> found = rule.findIn(text);
            if (found.isPresent()) {
                return Optional.of(new BlocklistMatch(rule, scope, found.get()));
            }
        }
        return Optional.empty();
    }
}
