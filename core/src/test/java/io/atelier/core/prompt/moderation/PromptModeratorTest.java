package io.atelier.core.prompt.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.moderation.Moderation;
import dev.langchain4j.model.moderation.ModerationModel;
import dev.langchain4j.model.moderation.ModerationRequest;
import dev.langchain4j.model.moderation.ModerationResponse;
import io.atelier.core.account.Caller;
import io.atelier.core.prompt.PromptBlockedException;
import io.atelier.core.prompt.PromptConflictException;
import io.atelier.core.prompt.PromptCooldownException;
import io.atelier.core.prompt.PromptNotFoundException;
import io.atelier.core.prompt.PromptTestSupport;
import io.atelier.core.prompt.PromptValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class PromptModeratorTest {

    JdbcClient jdbc;
    String team;
    Caller alice;
    Caller bob;
    MutableClock clock;

    @BeforeEach
    void setUp() {
        jdbc = PromptTestSupport.database();
        team = PromptTestSupport.newTeam(jdbc);
        alice = new Caller(team, "key-alice", false);
        bob = new Caller(team, "discord:42", false);
        clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    }

    PromptModerator moderator(List<String> global, int maxBlocks, ModerationModel model, String onError) {
        PromptModerationProperties properties = new PromptModerationProperties(global,
                new PromptModerationProperties.Cooldown(maxBlocks, Duration.ofMinutes(10), Duration.ofMinutes(15)),
                new PromptModerationProperties.Model(null, null, null, Duration.ofSeconds(2), onError));
        return ModerationFixtures.moderator(jdbc, properties, model, clock);
    }

    @Test
    void globalRulesBlockAndNameTheRuleNotTheList() {
        PromptModerator m = moderator(List.of("ass", "[violence] re:\\bbehead\\w*", "gor*"), 0, null, null);
        assertThat(m.moderate(alice, "a class photo of my assistant")).isEmpty();
        assertThatThrownBy(() -> m.moderate(alice, "a knight beheading a dragon"))
                .isInstanceOfSatisfying(PromptBlockedException.class, e -> {
                    assertThat(e.code()).isEqualTo("PROMPT_BLOCKED");
                    assertThat(e.rule()).isEqualTo("global#2");
                    assertThat(e.category()).isEqualTo("violence");
                    assertThat(e.getMessage()).isEqualTo("prompt blocked by rule global#2 (violence) of the global blocklist: "
                            + "\"beheading\" is not allowed");
                    assertThat(e.getMessage()).doesNotContain("gor*").doesNotContain("ass");
                });
        assertThat(jdbc.sql("SELECT rule FROM moderation_blocks WHERE team_id = ? AND principal = ?")
                .params(team, "key-alice").query(String.class).list()).containsExactly("global#2");
    }

    @Test
    void teamRulesApplyToTheirTeamOnly() {
        PromptModerator m = moderator(List.of(), 0, null, null);
        TeamBlocklistEntry entry = m.addTeamEntry(team, "  competitor*  ", "brand safety");
        assertThat(entry.entry()).isEqualTo("competitor*");
        assertThat(m.teamEntries(team)).extracting(TeamBlocklistEntry::id).containsExactly(entry.id());

        assertThatThrownBy(() -> m.moderate(alice, "our competitors' logo"))
                .isInstanceOfSatisfying(PromptBlockedException.class, e -> {
                    assertThat(e.rule()).isEqualTo("team#" + entry.id());
                    assertThat(e.category()).isEqualTo("brand safety");
                    assertThat(e.getMessage()).contains("of the team blocklist: \"competitors\"");
                });
        String otherTeam = PromptTestSupport.newTeam(jdbc);
        assertThat(m.moderate(new Caller(otherTeam, "k", false), "our competitors' logo")).isEmpty();

        m.removeTeamEntry(team, entry.id());
        assertThat(m.moderate(alice, "our competitors' logo")).isEmpty();
        assertThatThrownBy(() -> m.removeTeamEntry(team, entry.id())).isInstanceOf(PromptNotFoundException.class);
    }

    @Test
    void teamEntriesAreValidated() {
        PromptModerator m = moderator(List.of(), 0, null, null);
        m.addTeamEntry(team, "gore", null);
        assertThatThrownBy(() -> m.addTeamEntry(team, "gore", null))
                .isInstanceOfSatisfying(PromptConflictException.class, e -> assertThat(e.code()).isEqualTo("BLOCKLIST_ENTRY_EXISTS"));
        assertThatThrownBy(() -> m.addTeamEntry(team, "re:(oops", null))
                .isInstanceOfSatisfying(PromptValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("entry");
                    assertThat(e.getMessage()).contains("invalid regular expression");
                });
        assertThatThrownBy(() -> m.addTeamEntry(team, "x", "c".repeat(61)))
                .isInstanceOfSatisfying(PromptValidationException.class, e -> assertThat(e.field()).isEqualTo("category"));
    }

    /** Issue 17, point 1: the rules of one check share one budget; an unchecked prompt is refused, not recorded. */
    @Test
    void aPromptTheRulesCannotCheckInTimeIsRefusedWithoutABlockOnTheUser() {
        PromptModerationProperties tight = new PromptModerationProperties(List.of(),
                new PromptModerationProperties.Cooldown(1, Duration.ofMinutes(10), Duration.ofMinutes(15)),
                new PromptModerationProperties.Model(null, null, null, Duration.ofSeconds(2), null), Duration.ofNanos(1));
        PromptModerator m = ModerationFixtures.moderator(jdbc, tight, null, clock);
        for (int i = 0; i < 50; i++) {
            m.addTeamEntry(team, "re:(x|y|z)+[0-9]{3}q" + i, null);
        }
        assertThatThrownBy(() -> m.moderate(alice, "xyz".repeat(3_000)))
                .isInstanceOfSatisfying(PromptBlockedException.class, e -> {
                    assertThat(e.rule()).isEqualTo(PromptModerator.BUDGET_RULE);
                    assertThat(e.getMessage()).contains("could not be checked");
                });
        // max-blocks is 1, yet no cooldown started: nothing was held against the user.
        m.checkCooldown(alice);
    }

    @Test
    void anInvalidGlobalEntryFailsTheStartNamingIt() {
        assertThatThrownBy(() -> moderator(List.of("fine", "re:[unclosed"), 3, null, null))
                .hasMessageContaining("atelier.moderation.blocklist[1] is invalid: invalid regular expression");
    }

    @Test
    void repeatedBlocksPutTheUserOnACooldownThatEnds() {
        PromptModerator m = moderator(List.of("gore"), 3, null, null);
        blockOnce(m, alice);
        clock.advance(Duration.ofMinutes(1));
        blockOnce(m, alice);
        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> m.moderate(alice, "gore"))
                .isInstanceOfSatisfying(PromptBlockedException.class, e ->
                        assertThat(e.getMessage()).endsWith("; after 3 blocked prompts, new prompts are refused for 15 min"));

        // Alice waits; Bob (another principal of the same team) does not.
        assertThatThrownBy(() -> m.checkCooldown(alice)).isInstanceOfSatisfying(PromptCooldownException.class, e -> {
            assertThat(e.code()).isEqualTo("PROMPT_COOLDOWN");
            assertThat(e.retryAfterSeconds()).isEqualTo(15 * 60);
            assertThat(e.until()).isEqualTo(Instant.parse("2026-01-01T10:17:00Z"));
            assertThat(e.getMessage()).contains("refused for 15 min");
        });
        m.checkCooldown(bob);

        clock.advance(Duration.ofMinutes(14));
        assertThatThrownBy(() -> m.checkCooldown(alice)).isInstanceOfSatisfying(PromptCooldownException.class,
                e -> assertThat(e.retryAfterSeconds()).isEqualTo(60));
        clock.advance(Duration.ofMinutes(1));
        m.checkCooldown(alice);
    }

    @Test
    void blocksOutsideTheWindowDoNotCount() {
        PromptModerator m = moderator(List.of("gore"), 2, null, null);
        blockOnce(m, alice);
        clock.advance(Duration.ofMinutes(11));
        blockOnce(m, alice);
        m.checkCooldown(alice);
    }

    @Test
    void anAdminCanEndACooldown() {
        PromptModerator m = moderator(List.of("gore"), 1, null, null);
        blockOnce(m, alice);
        assertThatThrownBy(() -> m.checkCooldown(alice)).isInstanceOf(PromptCooldownException.class);
        assertThat(m.clearCooldown(team, "key-alice")).isTrue();
        m.checkCooldown(alice);
        assertThat(m.clearCooldown(team, "key-alice")).isFalse();
    }

    @Test
    void theModerationModelFlagsWhatTheListsMiss() {
        ModerationModel model = scripted(text -> text.contains("forbidden") ? Moderation.flagged(text) : Moderation.notFlagged());
        PromptModerator m = moderator(List.of(), 0, model, null);
        assertThat(m.moderate(alice, "a sunny meadow")).isEmpty();
        assertThatThrownBy(() -> m.moderate(alice, "something forbidden"))
                .isInstanceOfSatisfying(PromptBlockedException.class, e -> {
                    assertThat(e.rule()).isEqualTo("model");
                    assertThat(e.category()).isEqualTo("flagged");
                    assertThat(e.getMessage()).isEqualTo("prompt blocked by the moderation model (category: flagged)");
                });
    }

    @Test
    void aBrokenModerationModelAllowsWithAWarningOrBlocksWithoutCounting() {
        ModerationModel broken = scripted(text -> {
            throw new IllegalStateException("503");
        });
        assertThat(moderator(List.of(), 1, broken, "allow").moderate(alice, "a meadow")).containsExactly(
                "the moderation model failed (IllegalStateException); the prompt was checked against the blocklists only");

        PromptModerator strict = moderator(List.of(), 1, broken, "block");
        assertThatThrownBy(() -> strict.moderate(alice, "a meadow"))
                .isInstanceOfSatisfying(PromptBlockedException.class, e -> {
                    assertThat(e.category()).isEqualTo("unavailable");
                    assertThat(e.getMessage()).contains("could not be checked");
                });
        strict.checkCooldown(alice);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM moderation_blocks").query(Long.class).single()).isZero();
    }

    @Test
    void blocklistMatchDoesNotRecord() {
        PromptModerator m = moderator(List.of("gore"), 1, null, null);
        assertThat(m.blocklistMatch(team, "gore")).isPresent();
        assertThat(m.blocklistMatch(team, "gorgeous")).isEmpty();
        m.checkCooldown(alice);
        assertThat(m.globalRuleCount()).isEqualTo(1);
    }

    private static void blockOnce(PromptModerator m, Caller caller) {
        assertThatThrownBy(() -> m.moderate(caller, "gore")).isInstanceOf(PromptBlockedException.class);
    }

    private static ModerationModel scripted(Function<String, Moderation> verdict) {
        return new ModerationModel() {
            @Override
            public ModerationResponse doModerate(ModerationRequest request) {
                return ModerationResponse.builder().moderation(verdict.apply(String.join("\n", request.texts()))).build();
            }
        };
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
