package io.atelier.core.gallery;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.core.account.Team;
import io.atelier.core.generation.Generation;
import io.atelier.core.prompt.PromptBlockedException;
import io.atelier.core.prompt.moderation.BlocklistMatch;
import io.atelier.core.prompt.moderation.PromptModerator;
import java.util.Optional;

/**
 * The gallery's admission rules for a new entry: its prompts pass moderation again, who is approved
 * without review ({@code atelier.gallery.auto-approve-*}), and the author name an entry shows.
 */
final class GalleryAdmission {

    /** What the blocklists said of a requested publication; {@code unchecked}: the check ran out of budget. */
    record Screening(Optional<BlocklistMatch> blocked, boolean unchecked) {
    }

    private final PromptModerator moderator;
    private final AccountService accounts;
    private final GalleryProperties properties;

    GalleryAdmission(PromptModerator moderator, AccountService accounts, GalleryProperties properties) {
        this.moderator = moderator;
        this.accounts = accounts;
        this.properties = properties;
    }

    /**
     * An owner's publication: the prompt as written and as used pass moderation (blocklists and the
     * moderation model) again.
     *
     * @throws PromptBlockedException when a prompt no longer passes
     */
    void moderate(Caller owner, Generation generation) {
        moderator.moderate(owner, generation.asked().originalPrompt());
        if (!generation.asked().prompt().equals(generation.asked().originalPrompt())) {
            moderator.moderate(owner, generation.asked().prompt());
        }
    }

    /** A publication the system makes for a generation that asked for it: the blocklists only. */
    Screening screen(String teamId, Generation generation) {
        try {
            return new Screening(moderator.blocklistMatch(teamId, generation.asked().originalPrompt())
                    .or(() -> moderator.blocklistMatch(teamId, generation.asked().prompt())), false);
        } catch (PromptBlockedException budgetRanOut) {
            // Not checked in time: a moderator decides (never auto-approved, never auto-rejected).
            return new Screening(Optional.empty(), true);
        }
    }

    /** Whether an owner's publication skips review: a trusted team, or a moderator's own work when so configured. */
    boolean approvesAtOnce(Caller owner, Actor actor) {
        return approvesTeam(owner.teamId())
                || (properties.autoApproveModerators() && (actor.role() == ActorRole.MODERATOR || actor.role() == ActorRole.ADMIN
                || owner.moderator()));
    }

    boolean approvesTeam(String teamId) {
        return properties.autoApproveTeams().contains(teamId);
    }

    /** The author an entry shows: the owner's display name, or the team's name when published for it. */
    String author(Caller owner, Actor actor) {
        return actor.role() == ActorRole.OWNER ? actor.displayName() : teamName(owner.teamId());
    }

    String teamName(String teamId) {
        return accounts.findTeam(teamId).map(Team::name).orElse("unknown");
    }
}
