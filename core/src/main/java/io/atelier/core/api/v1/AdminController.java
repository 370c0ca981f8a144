package io.atelier.core.api.v1;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.ApiKeyInfo;
import io.atelier.core.account.Caller;
import io.atelier.core.account.CreatedTeam;
import io.atelier.core.account.KeyRole;
import io.atelier.core.account.Team;
import io.atelier.core.api.ForbiddenException;
import io.atelier.core.api.JsonBody;
import io.atelier.core.api.JsonFieldException;
import io.atelier.core.common.Ids;
import io.atelier.core.common.Timestamps;
import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorKind;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Team and key administration; an admin team's key is required, except to list and revoke a team's
 * own keys, which every key may do for its team. Clear keys are shown once, when issued; listings
 * show a key's first characters only.
 */
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
     * The caller's team's keys; for an admin every team's, or one team's with {@code ?teamId=}.
     * Revoked keys are listed too (with {@code revokedAt}), active ones first.
     */
    @GetMapping("/keys")
    Map<String, Object> listKeys(Caller caller, @RequestParam(required = false) String teamId) {
        String team = caller.teamId();
        if (teamId != null && !teamId.isBlank()) {
            if (!caller.admin() && !teamId.strip().equals(caller.teamId())) {
                throw new ForbiddenException("only an admin key may list another team's keys");
            }
            team = teamId.strip();
        } else if (caller.admin()) {
            team = null;
        }
        List<ApiKeyInfo> keys = accounts.listKeys(team);
        return NativeViews.ok(keys.stream()
                .sorted((a, b) -> Boolean.compare(b.active(), a.active()))
                .map(k -> key(k, k.id().equals(caller.keyId()))).toList());
    }

    /**
     * Revokes a key: from the next request on, on every instance, it answers 401. An admin may
     * revoke any key, other keys their own team's (another team's key is 404, as if it did not exist).
     * Revoking twice is harmless; the admin team's last active key cannot be revoked (409).
     */
    @DeleteMapping("/keys/{id}")
    ResponseEntity<Map<String, Object>> revokeKey(Caller caller, @PathVariable String id) {
        ApiKeyInfo key = accounts.findKey(id).filter(k -> caller.admin() || k.teamId().equals(caller.teamId()))
                .orElseThrow(() -> new KeyNotFoundException(id));
        ApiKeyInfo revoked;
        try {
            revoked = accounts.revokeKey(key.id()).orElseThrow(() -> new KeyNotFoundException(id));
        } catch (IllegalStateException lastAdminKey) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(NativeViews.error("LAST_ADMIN_KEY", lastAdminKey.getMessage()));
        }
        return ResponseEntity.ok(NativeViews.ok(key(revoked, revoked.id().equals(caller.keyId()))));
    }

    /** No key with this id that the caller may see. */
    static final class KeyNotFoundException extends AtelierException {
        KeyNotFoundException(String id) {
            super(ErrorKind.NOT_FOUND, "KEY_NOT_FOUND", null, "no API key with id " + id);
        }
    }

    private static Map<String, Object> key(ApiKeyInfo key, boolean current) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", key.id());
        out.put("teamId", key.teamId());
        out.put("name", key.name());
        out.put("prefix", key.prefix());
        out.put("roles", key.roles().stream().map(Enum::name).sorted().toList());
        out.put("active", key.active());
        out.put("current", current);
        out.put("createdAt", Timestamps.iso(key.createdAt()));
        out.put("revokedAt", Timestamps.iso(key.revokedAt()));
        return out;
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
