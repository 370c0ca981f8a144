package io.atelier.core.prompt.moderation;

import dev.langchain4j.model.moderation.Moderation;
import dev.langchain4j.model.moderation.ModerationModel;
import io.atelier.core.account.Caller;
import io.atelier.core.common.Ids;
import io.atelier.core.common.Timestamps;
import io.atelier.core.prompt.PromptBlockedException;
import io.atelier.core.prompt.PromptConflictException;
import io.atelier.core.prompt.PromptCooldownException;
import io.atelier.core.prompt.PromptNotFoundException;
import io.atelier.core.prompt.PromptValidationException;
import io.atelier.core.prompt.TimeLimit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Decides whether a prompt may be generated: the global blocklist ({@code atelier.moderation.blocklist}),
 * the team's own blocklist, then the moderation model when one is configured.
 *
 * <p>A block is recorded per user — {@link Caller#keyId()}, the API key or the chat principal
 * ({@code discord:1234}) — and {@code cooldown.max-blocks} blocks within {@code cooldown.window}
 * put that user on a cooldown of {@code cooldown.duration}, during which every prompt is refused
 * with {@link PromptCooldownException} before it is even looked at.
 *
 * <p><b>Cost.</b> Rules run on RE2/J (linear time); all rules that check one text share one budget
 * ({@code atelier.moderation.budget}), and a text not checked in time is refused as unchecked,
 * never let through. A team's rules are compiled once per change of its list (not per prompt), and
 * a text is checked once: the verdict is remembered with the compiled list, so the same text met
 * again (the enhancer's candidates, a publish of a checked prompt) costs a map lookup.
 */
@Service
public class PromptModerator {

    public static final int MAX_TEAM_ENTRIES = 500;
    /** The rule id of a refusal because the budget ran out. */
    public static final String BUDGET_RULE = "moderation-budget";
    static final int REMEMBERED_VERDICTS = 256;
    private static final Logger log = LoggerFactory.getLogger(PromptModerator.class);

    private final PromptModerationProperties properties;
    private final ModerationRepository repository;
    private final ObjectProvider<ModerationModel> model;
    private final Blocklist global;
    private final Clock clock;
    private final Map<String, CompiledTeamList> teamLists = new ConcurrentHashMap<>();
    /** A user's cooldown as last read, by team and principal. */
    private final Map<String, Fresh<Optional<Instant>>> cooldowns = new ConcurrentHashMap<>();

    /**
     * How long what was read from the database (a team's list, a user's cooldown) is trusted before it
     * is read again: a change made through this instance applies at once, one made through another
     * instance within this time. Saves two queries per prompt.
     */
    static final Duration FRESHNESS = Duration.ofSeconds(1);

    /** A value read at {@code readNanos}. */
    private record Fresh<T>(T value, long readNanos) {
        boolean fresh() {
            return System.nanoTime() - readNanos < FRESHNESS.toNanos();
        }
    }

    @Autowired
    PromptModerator(PromptModerationProperties properties, ModerationRepository repository,
                    ObjectProvider<ModerationModel> model) {
        this(properties, repository, model, Clock.systemUTC());
    }

    PromptModerator(PromptModerationProperties properties, ModerationRepository repository,
                    ObjectProvider<ModerationModel> model, Clock clock) {
        this.properties = properties;
        this.repository = repository;
        this.model = model;
        this.clock = clock;
        this.global = compileGlobal(properties.blocklist());
        if (!global.rules().isEmpty()) {
            log.info("prompt moderation: {} global blocklist rule(s)", global.rules().size());
        }
    }

    static Blocklist compileGlobal(List<String> entries) {
        List<BlocklistRule> rules = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            if (entry == null || entry.isBlank()) {
                continue;
            }
            try {
                rules.add(BlocklistRule.compile("global#" + (i + 1), entry, null));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("atelier.moderation.blocklist[" + i + "] is invalid: " + e.getMessage());
            }
        }
        return new Blocklist("global", rules);
    }

    /** @throws PromptCooldownException while the caller is cooling down */
    public void checkCooldown(Caller caller) {
        Instant now = now();
        String key = cooldownKey(caller.teamId(), caller.keyId());
        Fresh<Optional<Instant>> known = cooldowns.get(key);
        if (known == null || !known.fresh()) {
            if (cooldowns.size() > 100_000) {
                cooldowns.clear();
            }
            known = new Fresh<>(repository.cooldownUntil(caller.teamId(), caller.keyId()), System.nanoTime());
            cooldowns.put(key, known);
        }
        Optional<Instant> until = known.value();
        if (until.isPresent() && until.get().isAfter(now)) {
            throw new PromptCooldownException(until.get(), Duration.between(now, until.get()));
        }
    }

    /**
     * Checks a prompt. Returns warnings (a moderation model that could not be asked), or throws.
     *
     * @throws PromptBlockedException after recording the block (and maybe starting a cooldown)
     */
    public List<String> moderate(Caller caller, String prompt) {
        Optional<BlocklistMatch> match = blocklistMatch(caller.teamId(), prompt);
        if (match.isPresent()) {
            BlocklistRule rule = match.get().rule();
            throw block(caller, rule.id(), rule.category(), prompt, "prompt blocked by rule " + rule.id()
                    + (rule.category() == null ? "" : " (" + rule.category() + ")") + " of the "
                    + match.get().scope() + " blocklist: \"" + match.get().matched() + "\" is not allowed");
        }
        ModerationModel moderationModel = model.getIfUnique();
        if (moderationModel == null) {
            return List.of();
        }
        Duration timeout = properties.model().timeout();
        try {
            Moderation verdict = TimeLimit.call("prompt-moderation", () -> moderationModel.moderate(prompt).content(), timeout);
            if (verdict != null && verdict.flagged()) {
                throw block(caller, "model", "flagged", prompt, "prompt blocked by the moderation model (category: flagged)");
            }
            return List.of();
        } catch (TimeoutException | RuntimeException e) {
            if (e instanceof PromptBlockedException blocked) {
                throw blocked;
            }
            String why = e instanceof TimeoutException ? "did not answer within " + timeout : "failed (" + e.getClass().getSimpleName() + ")";
            log.warn("moderation model {}; on-error={}", why, properties.model().onError(), e instanceof TimeoutException ? null : e);
            if (properties.model().blockOnError()) {
                // Not the user's fault: no block is recorded and no cooldown starts.
                throw new PromptBlockedException("model", "unavailable", "the prompt could not be checked: the moderation model "
                        + why + ", and unchecked prompts are refused; try again later");
            }
            return List.of("the moderation model " + why + "; the prompt was checked against the blocklists only");
        }
    }

    /**
     * The first global or team rule matching the text, without recording anything.
     *
     * @throws PromptBlockedException with rule {@link #BUDGET_RULE} when the rules could not all run
     *                                within the budget (an unchecked text is never passed as clean)
     */
    public Optional<BlocklistMatch> blocklistMatch(String teamId, String text) {
        CompiledTeamList team = teamList(teamId);
        String normalized = BlocklistRule.normalize(text);
        Optional<BlocklistMatch> remembered = team.remembered(normalized);
        if (remembered != null) {
            return remembered;
        }
        MatchBudget budget = MatchBudget.of(properties.budget());
        Optional<BlocklistMatch> found;
        try {
            found = global.firstMatch(normalized, budget);
            if (found.isEmpty()) {
                found = team.blocklist().firstMatch(normalized, budget);
            }
        } catch (MatchBudget.Exceeded e) {
            log.warn("team {}: a prompt of {} characters could not be checked against {} global and {} team rule(s) within {}",
                    teamId, normalized.length(), global.rules().size(), team.blocklist().rules().size(), properties.budget());
            throw new PromptBlockedException(BUDGET_RULE, "unchecked", "the prompt could not be checked against the blocklists within "
                    + properties.budget().toMillis() + " ms; shorten it, or ask the team to simplify its blocklist");
        }
        team.remember(normalized, found);
        return found;
    }

    /**
     * The team's compiled rules: read again at most once per {@link #FRESHNESS}, and compiled again
     * only when the stored list differs from the one compiled (compiling 500 patterns per prompt is not
     * an option).
     */
    private CompiledTeamList teamList(String teamId) {
        CompiledTeamList cached = teamLists.get(teamId);
        if (cached != null && System.nanoTime() - cached.readNanos()[0] < FRESHNESS.toNanos()) {
            return cached;
        }
        List<TeamBlocklistEntry> entries = repository.entries(teamId);
        if (cached != null && cached.entries().equals(entries)) {
            cached.readNanos()[0] = System.nanoTime();
            return cached;
        }
        List<BlocklistRule> rules = new ArrayList<>();
        for (TeamBlocklistEntry e : entries) {
            try {
                rules.add(BlocklistRule.compile("team#" + e.id(), e.entry(), e.category()));
            } catch (IllegalArgumentException invalid) {
                log.warn("team {} blocklist entry {} no longer compiles and is skipped: {}", teamId, e.id(), invalid.getMessage());
            }
        }
        CompiledTeamList compiled = new CompiledTeamList(entries, new Blocklist("team", rules));
        if (teamLists.size() > 10_000) {
            teamLists.clear();
        }
        teamLists.put(teamId, compiled);
        return compiled;
    }

    /**
     * A team's list as compiled, with the verdicts of the last texts checked against it (and the global
     * list), and when the list was last read (one mutable cell: the list is the same, only refreshed).
     */
    private record CompiledTeamList(List<TeamBlocklistEntry> entries, Blocklist blocklist,
                                    Map<String, Optional<BlocklistMatch>> verdicts, long[] readNanos) {
        CompiledTeamList(List<TeamBlocklistEntry> entries, Blocklist blocklist) {
            this(List.copyOf(entries), blocklist, new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Optional<BlocklistMatch>> eldest) {
                    return size() > REMEMBERED_VERDICTS;
                }
            }, new long[] {System.nanoTime()});
        }

        Optional<BlocklistMatch> remembered(String text) {
            synchronized (verdicts) {
                return verdicts.get(text);
            }
        }

        void remember(String text, Optional<BlocklistMatch> verdict) {
            synchronized (verdicts) {
                verdicts.put(text, verdict);
            }
        }
    }

    private PromptBlockedException block(Caller caller, String rule, String category, String prompt, String message) {
        Instant now = now();
        repository.recordBlock(caller.teamId(), caller.keyId(), rule, category, excerpt(prompt), now);
        PromptModerationProperties.Cooldown cooldown = properties.cooldown();
        String full = message;
        if (cooldown.maxBlocks() > 0) {
            long recent = repository.blocksSince(caller.teamId(), caller.keyId(), now.minus(cooldown.window()));
            if (recent >= cooldown.maxBlocks()) {
                repository.setCooldown(caller.teamId(), caller.keyId(), now.plus(cooldown.duration()));
                cooldowns.remove(cooldownKey(caller.teamId(), caller.keyId()));
                full += "; after " + recent + " blocked prompts, new prompts are refused for "
                        + cooldown.duration().toMinutes() + " min";
                log.info("team {} principal {} on a prompt cooldown until {} after {} blocks", caller.teamId(),
                        caller.keyId(), now.plus(cooldown.duration()), recent);
            }
        }
        log.info("prompt blocked: team={} principal={} rule={} category={}", caller.teamId(), caller.keyId(), rule, category);
        return new PromptBlockedException(rule, category, full);
    }

    private static String cooldownKey(String teamId, String principal) {
        return teamId + '\n' + principal;
    }

    private static String excerpt(String prompt) {
        return prompt.length() <= 1000 ? prompt : prompt.substring(0, 1000);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    // Team blocklist administration.

    public List<TeamBlocklistEntry> teamEntries(String teamId) {
        return repository.entries(teamId);
    }

    /** @throws PromptValidationException naming {@code entry} when it does not compile */
    public TeamBlocklistEntry addTeamEntry(String teamId, String entry, String category) {
        if (category != null && category.strip().length() > 60) {
            throw PromptValidationException.invalid("category", "category must be at most 60 characters");
        }
        BlocklistRule rule;
        try {
            rule = BlocklistRule.compile("team#new", entry, category);
        } catch (IllegalArgumentException e) {
            throw PromptValidationException.invalid("entry", "entry: " + e.getMessage());
        }
        if (repository.countEntries(teamId) >= MAX_TEAM_ENTRIES) {
            throw new PromptConflictException("LIMIT_REACHED", "a team blocklist has at most " + MAX_TEAM_ENTRIES + " entries");
        }
        TeamBlocklistEntry created = new TeamBlocklistEntry(Ids.uuid(), teamId, rule.entry(), rule.category(), Timestamps.now());
        try {
            repository.insertEntry(created);
            teamLists.remove(teamId);
        } catch (DuplicateKeyException e) {
            throw new PromptConflictException("BLOCKLIST_ENTRY_EXISTS", "the team blocklist already has '" + rule.entry() + "'");
        }
        return created;
    }

    public void removeTeamEntry(String teamId, String id) {
        if (id == null || !Ids.isUuid(id) || !repository.deleteEntry(teamId, id)) {
            throw new PromptNotFoundException("BLOCKLIST_ENTRY_NOT_FOUND", "blocklist entry '" + id + "' not found");
        }
        teamLists.remove(teamId);
    }

    /** The team's users on a cooldown now. */
    public List<Cooldown> activeCooldowns(String teamId) {
        return repository.activeCooldowns(teamId, now());
    }

    /** Ends a user's cooldown early; false when they had none. */
    public boolean clearCooldown(String teamId, String principal) {
        cooldowns.remove(cooldownKey(teamId, principal));
        return repository.clearCooldown(teamId, principal);
    }

    /** How many global rules are configured (the rules themselves are not shown to teams). */
    public int globalRuleCount() {
        return global.rules().size();
    }
}
