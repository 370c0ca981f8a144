package io.atelier.core.api.v1;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.core.account.CreatedTeam;
import io.atelier.core.account.Team;
import io.atelier.core.api.ForbiddenException;
import io.atelier.core.api.JsonBody;
import io.atelier.core.api.JsonFieldException;
import io.atelier.core.common.Ids;
import io.atelier.core.common.Timestamps;
import java.util.LinkedHashMap;
import java.util.Map;
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
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("teamId", teamId);
        data.put("apiKey", accounts.issueKey(teamId, name));
        return NativeViews.ok(data);
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
