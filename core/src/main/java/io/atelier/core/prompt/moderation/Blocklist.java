package io.atelier.core.prompt.moderation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ordered set of compiled rules of one scope. Matching a regex is bounded in time: a team's
 * pathological regex (catastrophic backtracking) gives up after {@link #RULE_BUDGET}, is logged,
 * and counts as no match rather than hanging the request.
 */
public final class Blocklist {

    static final Duration RULE_BUDGET = Duration.ofMillis(200);
    private static final Logger log = LoggerFactory.getLogger(Blocklist.class);

    private final String scope;
    private final List<BlocklistRule> rules;

    public Blocklist(String scope, List<BlocklistRule> rules) {
        this.scope = scope;
        this.rules = List.copyOf(rules);
    }

    public List<BlocklistRule> rules() {
        return rules;
    }

    /** The first rule that matches the (normalised) text. */
    public Optional<BlocklistMatch> firstMatch(String normalizedText) {
        for (BlocklistRule rule : rules) {
            try {
                Optional<String> found = rule.findIn(new BudgetedText(normalizedText, System.nanoTime() + RULE_BUDGET.toNanos()));
                if (found.isPresent()) {
                    return Optional.of(new BlocklistMatch(rule, scope, found.get()));
                }
            } catch (BudgetExceeded e) {
                log.warn("blocklist rule {} took longer than {} on a prompt and was skipped; simplify its regex", rule.id(),
                        RULE_BUDGET);
            }
        }
        return Optional.empty();
    }

    private static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded() {
            super(null, null, false, false);
        }
    }

    /** Text whose reads fail once the deadline passed: the regex engine reads through it. */
    private static final class BudgetedText implements CharSequence {
        private final String text;
        private final long deadline;
        private int reads;

        BudgetedText(String text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (++reads % 4096 == 0 && System.nanoTime() - deadline > 0) {
                throw new BudgetExceeded();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BudgetedText(text.substring(start, end), deadline);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
