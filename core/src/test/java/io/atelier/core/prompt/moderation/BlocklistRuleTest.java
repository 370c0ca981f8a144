package io.atelier.core.prompt.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlocklistRuleTest {

    /** Entry || prompt || what it must match (nothing = no match). */
    @ParameterizedTest(name = "{0} in \"{1}\" -> {2}")
    @CsvSource(delimiterString = "||", textBlock = """
            ass || a class photo ||
            ass || my assistant at work ||
            ass || a bass guitar, grass, brass ||
            ass || what an ass || ass
            ass || ASS. || ASS
            ass || kick-ass hero || ass
            ass || ａｓｓ in full width || ass
            gore || gorey details ||
            gore || gore and blood || gore
            gor* || gory scenes || gory
            gor* || agora market ||
            hate speech || no hate-speech here || hate-speech
            hate speech || hate   speech || hate   speech
            hate speech || hate speeches ||
            hate speech || hateful speech ||
            naïve || a NAÏVE painting || NAÏVE
            c++ || learn c++ now || c++
            re:\\bkill(s|ed)?\\b || he kills time || kills
            re:\\bkill(s|ed)?\\b || sharp skills ||
            re:b[a4]d\\s*word || a b4d  word || b4d  word
            [violence] behead* || beheading scene || beheading
            """)
    void matchesWholeWordsOnly(String entry, String prompt, String expected) {
        BlocklistRule rule = BlocklistRule.compile("global#1", entry, null);
        Optional<String> found = rule.findIn(BlocklistRule.normalize(prompt));
        if (expected == null) {
            assertThat(found).as("'%s' must not block '%s'", entry, prompt).isEmpty();
        } else {
            assertThat(found).as("'%s' must block '%s'", entry, prompt).contains(expected);
        }
    }

    @Test
    void categoryPrefixAndOverride() {
        BlocklistRule prefixed = BlocklistRule.compile("global#1", "[violence] re:\\bbehead\\w*", null);
        assertThat(prefixed.category()).isEqualTo("violence");
        assertThat(prefixed.entry()).isEqualTo("re:\\bbehead\\w*");
        assertThat(prefixed.display()).isEqualTo("[violence] re:\\bbehead\\w*");
        assertThat(BlocklistRule.compile("team#x", "[violence] gore", "gross").category()).isEqualTo("gross");
        assertThat(BlocklistRule.compile("team#x", "gore", null).category()).isNull();
    }

    @Test
    void invalidEntriesAreRejectedWithAReason() {
        assertThatThrownBy(() -> BlocklistRule.compile("x", "  ", null)).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> BlocklistRule.compile("x", "[cat]", null)).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> BlocklistRule.compile("x", "re:", null)).hasMessageContaining("needs a regular expression");
        assertThatThrownBy(() -> BlocklistRule.compile("x", "re:(unclosed", null)).hasMessageContaining("invalid regular expression");
        assertThatThrownBy(() -> BlocklistRule.compile("x", "re:a*", null)).hasMessageContaining("matches empty text");
        assertThatThrownBy(() -> BlocklistRule.compile("x", "a".repeat(501), null)).hasMessageContaining("at most 500");
    }

    @Test
    void firstMatchingRuleWinsAndNamesItsScope() {
        Blocklist list = new Blocklist("team", List.of(
                BlocklistRule.compile("team#1", "dragon", null),
                BlocklistRule.compile("team#2", "castle", "places")));
        assertThat(list.firstMatch("a castle with a dragon")).hasValueSatisfying(m -> {
            assertThat(m.rule().id()).isEqualTo("team#1");
            assertThat(m.scope()).isEqualTo("team");
            assertThat(m.matched()).isEqualTo("dragon");
        });
        assertThat(list.firstMatch("a castle")).hasValueSatisfying(m -> assertThat(m.rule().category()).isEqualTo("places"));
        assertThat(list.firstMatch("a meadow")).isEmpty();
    }

    /**
     * Issue 17, point 1: tenants' regexes cannot burn CPU. Structural, not timed: the rules run on
     * RE2/J, and the work a hostile pattern does (characters it reads) grows linearly with the prompt,
     * where a backtracking engine doubles it with every added character.
     */
    @Test
    void hostilePatternsRunInLinearTime() {
        BlocklistRule nested = BlocklistRule.compile("team#evil", "re:(a+)+b", null);
        assertThat(nested.pattern()).isInstanceOf(com.google.re2j.Pattern.class);
        long[] reads = new long[3];
        int[] lengths = {1_000, 2_000, 4_000};
        for (int i = 0; i < lengths.length; i++) {
            MatchBudget budget = MatchBudget.unlimited();
            Blocklist list = new Blocklist("team", List.of(nested, BlocklistRule.compile("team#2", "re:(a|aa)+$!", null),
                    BlocklistRule.compile("team#3", "re:(.*a){20}z", null)));
            assertThat(list.firstMatch("a".repeat(lengths[i]) + "!", budget)).isEmpty();
            reads[i] = budget.reads();
        }
        // Doubling the prompt at most doubles the work (plus slack), each time.
        assertThat(reads[1]).isLessThanOrEqualTo(reads[0] * 3);
        assertThat(reads[2]).isLessThanOrEqualTo(reads[1] * 3);
        assertThat(reads[0]).as("the text is read through the budget").isPositive();
    }

    @Test
    void patternsThatNeedBacktrackingAreRefusedWhenSaved() {
        assertThatThrownBy(() -> BlocklistRule.compile("x", "re:(a)\\1", null)).hasMessageContaining("invalid regular expression")
                .hasMessageContaining("RE2");
        assertThatThrownBy(() -> BlocklistRule.compile("x", "re:foo(?=bar)", null)).hasMessageContaining("invalid regular expression");
        assertThatThrownBy(() -> BlocklistRule.compile("x", "re:(?<!x)foo", null)).hasMessageContaining("invalid regular expression");
    }

    @Test
    void aBudgetSharedByAllRulesStopsTheCheck() {
        List<BlocklistRule> many = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(BlocklistRule.compile("team#" + i, "re:(x|y|z)+[0-9]{3}q" + i, null));
        }
        Blocklist list = new Blocklist("team", many);
        MatchBudget spent = MatchBudget.of(java.time.Duration.ofNanos(1));
        assertThatThrownBy(() -> list.firstMatch("xyz".repeat(5_000), spent)).isInstanceOf(MatchBudget.Exceeded.class);
    }

    @Test
    void catastrophicRegexGivesUpInsteadOfHanging() {
        Blocklist list = new Blocklist("team", List.of(
                BlocklistRule.compile("team#slow", "re:(a|aa)+$", null),
                BlocklistRule.compile("team#fine", "dragon", null)));
        String evil = "a".repeat(60) + "! dragon";
        // The slow rule is skipped once it exceeds its budget; the next rule still runs.
        assertThat(list.firstMatch(evil)).hasValueSatisfying(m -> assertThat(m.rule().id()).isEqualTo("team#fine"));
    }
}
