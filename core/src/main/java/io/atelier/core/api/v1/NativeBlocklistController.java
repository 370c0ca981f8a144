package io.atelier.core.api.v1;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.core.api.ForbiddenException;
import io.atelier.core.api.JsonBody;
import io.atelier.core.api.JsonFieldException;
import io.atelier.core.common.Ids;
import io.atelier.core.common.Timestamps;
import io.atelier.core.prompt.PromptNotFoundException;
import io.atelier.core.prompt.moderation.PromptModerator;
import io.atelier.core.prompt.moderation.TeamBlocklistEntry;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A team's own prompt blocklist ({@code /api/v1/moderation/blocklist}), on top of the global
 * {@code atelier.moderation.blocklist}. Team-scoped: a key manages its own team's list; an admin key
 * may act on another team with {@code ?teamId=}. The global list is never shown, only its size.
 * Cooldowns are for admins: {@code GET /api/v1/moderation/cooldowns?teamId=} lists them,
 * {@code DELETE /api/v1/moderation/cooldowns/{principal}?teamId=} ends one early.
 */
@RestController
@RequestMapping("/api/v1/moderation")
class NativeBlocklistController {

    private final PromptModerator moderator;
    private final AccountService accounts;

    NativeBlocklistController(PromptModerator moderator, AccountService accounts) {
        this.moderator = moderator;
        this.accounts = accounts;
    }

    @GetMapping("/blocklist")
    Map<String, Object> list(Caller caller, @RequestParam(required = false) String teamId) {
        String team = team(caller, teamId);
        Map<String, Object> out = NativeViews.ok(moderator.teamEntries(team).stream().map(NativeBlocklistController::view).toList());
        out.put("globalRules", moderator.globalRuleCount());
        return out;
    }

    @PostMapping("/blocklist")
    ResponseEntity<Map<String, Object>> add(Caller caller, @RequestParam(required = false) String teamId,
                                            @RequestBody(required = false) JsonNode body) {
        JsonBody json = JsonBody.of(body);
        TeamBlocklistEntry entry = moderator.addTeamEntry(team(caller, teamId), json.requiredString("entry"),
                json.string("category").orElse(null));
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/moderation/blocklist/" + entry.id()))
                .body(NativeViews.ok(view(entry)));
    }

    @DeleteMapping("/blocklist/{id}")
    Map<String, Object> remove(Caller caller, @RequestParam(required = false) String teamId, @PathVariable String id) {
        moderator.removeTeamEntry(team(caller, teamId), id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("message", "Blocklist entry deleted");
        return out;
    }

    /** Users of a team on a prompt cooldown now (admin). */
    @GetMapping("/cooldowns")
    Map<String, Object> cooldowns(Caller caller, @RequestParam(required = false) String teamId) {
        if (!caller.admin()) {
            throw new ForbiddenException("listing cooldowns needs an admin key");
        }
        return NativeViews.ok(moderator.activeCooldowns(team(caller, teamId)).stream().map(c -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("teamId", c.teamId());
            out.put("principal", c.principal());
            out.put("until", Timestamps.iso(c.until()));
            return out;
        }).toList());
    }

    @DeleteMapping("/cooldowns/{principal}")
    Map<String, Object> clearCooldown(Caller caller, @RequestParam(required = false) String teamId,
                                      @PathVariable String principal) {
        if (!caller.admin()) {
            throw new ForbiddenException("ending a cooldown needs an admin key");
        }
        if (!moderator.clearCooldown(team(caller, teamId), principal)) {
            throw new PromptNotFoundException("COOLDOWN_NOT_FOUND", "no cooldown for '" + principal + "'");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("message", "Cooldown ended");
        return out;
    }

    private String team(Caller caller, String teamId) {
        if (teamId == null || teamId.isBlank() || teamId.equals(caller.teamId())) {
            return caller.teamId();
        }
        if (!caller.admin()) {
            throw new ForbiddenException("only an admin key may manage another team's blocklist");
        }
        if (!Ids.isUuid(teamId) || accounts.findTeam(teamId).isEmpty()) {
            throw new JsonFieldException("teamId", "no team with id " + teamId);
        }
        return teamId;
    }

    private static Map<String, Object> view(TeamBlocklistEntry e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", e.id());
        out.put("entry", e.entry());
        out.put("category", e.category());
        out.put("createdAt", Timestamps.iso(e.createdAt()));
        return out;
    }
}
