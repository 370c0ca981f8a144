package io.atelier.core.api.v1;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.core.account.CreatedTeam;
import io.atelier.core.account.KeyRole;
import io.atelier.core.account.Team;
import io.atelier.core.api.ForbiddenException;
import io.atelier.core.api.JsonBody;
import io.atelier.core.api.JsonFieldException;
import io.atelier.core.common.Ids;
import io.atelier.core.common.Timestamps;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Team and key administration; an admin team's key is required. Clear keys are shown once. */
@RestController
@RequestMapping("/api/v1/admin")
class AdminController {

    private final AccountService accounts;

    AdminController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/teams")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> createTeam(Caller caller, @RequestBody(required = false) JsonNode body) {
        requireAdmin(caller);
        JsonBody json = JsonBody.of(body);
        String name = json.requiredString("name").strip();
        if (name.length() > 200) {
            throw new JsonFieldException("name", "name must be at most 200 characters");
        }
        Long credits = json.longInteger("credits", 0, Long.MAX_VALUE / 4).orElse(null);
        boolean admin = json.bool("admin").orElse(false);
        CreatedTeam created = accounts.createTeam(name, admin, credits);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("team", team(created.team()));
        data.put("apiKey", created.apiKey());
        return NativeViews.ok(data);
    }

    @GetMapping("/teams")
    Map<String, Object> listTeams(Caller caller) {
        requireAdmin(caller);
        return NativeViews.ok(accounts.listTeams().stream().map(AdminController::team).toList());
    }

    @PostMapping("/keys")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> createKey(Caller caller, @RequestBody(required = false) JsonNode body) {
        requireAdmin(caller);
        JsonBody json = JsonBody.of(body);
        String teamId = json.requiredString("teamId");
        String name = json.string("name").orElse("key");
        if (!Ids.isUuid(teamId) || accounts.findTeam(teamId).isEmpty()) {
            throw new JsonFieldException("teamId", "no team with id " + teamId);
        }
        Set<KeyRole> roles = roles(body);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("teamId", teamId);
        data.put("apiKey", accounts.issueKey(teamId, name, roles));
        data.put("roles", roles.stream().map(Enum::name).sorted().toList());
        return NativeViews.ok(data);
    }

    /**
     * Issues a key with the moderator role: {@code {teamId, name?}}. The same as
     * {@code POST /keys} with {@code roles: ["MODERATOR"]}.
     */
    @PostMapping("/moderator-keys")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> createModeratorKey(Caller caller, @RequestBody(required = false) JsonNode body) {
        requireAdmin(caller);
        JsonBody json = JsonBody.of(body);
        String teamId = json.requiredString("teamId");
        String name = json.string("name").orElse("moderator");
        if (!Ids.isUuid(teamId) || accounts.findTeam(teamId).isEmpty()) {
            throw new JsonFieldException("teamId", "no team with id " + teamId);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("teamId", teamId);
        data.put("apiKey", accounts.issueKey(teamId, name, EnumSet.of(KeyRole.MODERATOR)));
        data.put("roles", List.of(KeyRole.MODERATOR.name()));
        return NativeViews.ok(data);
    }

    /** Optional {@code roles: ["MODERATOR"]} of a new key. */
    private static Set<KeyRole> roles(JsonNode body) {
        JsonNode node = body == null ? null : body.get("roles");
        if (node == null || node.isNull()) {
            return Set.of();
        }
        if (!node.isArray()) {
            throw new JsonFieldException("roles", "roles must be an array of role names " + List.of(KeyRole.values()));
        }
        EnumSet<KeyRole> roles = EnumSet.noneOf(KeyRole.class);
        for (JsonNode item : node) {
            String name = item.isString() ? item.stringValue().strip().toUpperCase(Locale.ROOT) : "";
            KeyRole role = Arrays.stream(KeyRole.values()).filter(r -> r.name().equals(name)).findFirst()
                    .orElseThrow(() -> new JsonFieldException("roles", "unknown role " + item + "; roles are "
                            + List.of(KeyRole.values())));
            roles.add(role);
        }
        return roles;
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.admin()) {
            throw new ForbiddenException("this route needs an admin key");
        }
    }

    private static Map<String, Object> team(Team team) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", team.id());
        out.put("name", team.name());
        out.put("admin", team.admin());
        out.put("credits", team.credits());
        out.put("createdAt", Timestamps.iso(team.createdAt()));
        return out;
    }
}
