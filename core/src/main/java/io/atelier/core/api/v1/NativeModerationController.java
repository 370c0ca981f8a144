package io.atelier.core.api.v1;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.core.account.Team;
import io.atelier.core.api.ForbiddenException;
import io.atelier.core.api.JsonBody;
import io.atelier.core.api.JsonFieldException;
import io.atelier.core.gallery.Actor;
import io.atelier.core.gallery.GalleryEntry;
import io.atelier.core.gallery.GalleryException;
import io.atelier.core.gallery.GalleryService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The moderation API: a key with the moderator role (or an admin key) is required; every other key
 * gets 403. The role comes from the key, never from the request.
 */
@RestController
@RequestMapping("/api/v1/moderation")
class NativeModerationController {

    static final int MAX_BULK = 100;

    private final GalleryService gallery;
    private final GalleryJson json;
    private final AccountService accounts;

    NativeModerationController(GalleryService gallery, GalleryJson json, AccountService accounts) {
        this.gallery = gallery;
        this.json = json;
        this.accounts = accounts;
    }

    @GetMapping("/queue")
    Map<String, Object> queue(Caller caller, @RequestParam(required = false) String limit,
                              @RequestParam(required = false) String offset) {
        requireModerator(caller);
        int pageSize = NativeGenerationsController.intParam("limit", limit, 20, 1, 100);
        int skip = NativeGenerationsController.intParam("offset", offset, 0, 0, Integer.MAX_VALUE);
        GalleryService.Page<GalleryEntry> page = gallery.queue(pageSize, skip);
        return NativeViews.page(page.items().stream().map(json::moderationView).toList(), page.limit(), page.offset(),
                page.total(), page.hasMore());
    }

    @GetMapping("/reasons")
    Map<String, Object> reasons(Caller caller) {
        requireModerator(caller);
        return NativeViews.ok(gallery.rejectReasons());
    }

    @GetMapping("/reports")
    Map<String, Object> reports(Caller caller, @RequestParam(required = false) String limit) {
        requireModerator(caller);
        int pageSize = NativeGenerationsController.intParam("limit", limit, 50, 1, 100);
        return NativeViews.ok(gallery.openReports(pageSize).stream().map(GalleryJson::report).toList());
    }

    @GetMapping("/audit")
    Map<String, Object> audit(Caller caller, @RequestParam(required = false) String target,
                              @RequestParam(required = false) String limit, @RequestParam(required = false) String offset) {
        requireModerator(caller);
        int pageSize = NativeGenerationsController.intParam("limit", limit, 50, 1, 100);
        int skip = NativeGenerationsController.intParam("offset", offset, 0, 0, Integer.MAX_VALUE);
        String t = target == null || target.isBlank() ? null : target.strip();
        return NativeViews.ok(gallery.audit(t, pageSize, skip).stream().map(GalleryJson::audit).toList());
    }

    /** One entry with its reports, appeals and audit trail. */
    @GetMapping("/{id}")
    Map<String, Object> get(Caller caller, @PathVariable String id) {
        requireModerator(caller);
        GalleryEntry entry = gallery.find(id).orElseThrow(() -> new GalleryException(GalleryException.Kind.NOT_FOUND,
                "GALLERY_ENTRY_NOT_FOUND", null, "no gallery entry with id " + id));
        Map<String, Object> data = json.moderationView(entry);
        data.put("reports", gallery.reports(id, false).stream().map(GalleryJson::report).toList());
        data.put("appeals", gallery.appeals(id).stream().map(GalleryJson::appeal).toList());
        data.put("audit", gallery.audit(id, 100, 0).stream().map(GalleryJson::audit).toList());
        return NativeViews.ok(data);
    }

    @PostMapping("/{id}/approve")
    Map<String, Object> approve(Caller caller, @PathVariable String id, HttpServletRequest request) {
        requireModerator(caller);
        return NativeViews.ok(json.moderationView(gallery.approve(id, actor(caller), GalleryJson.requestId(request))));
    }

    /** {@code {reason, note?}}, reason from {@code GET /api/v1/moderation/reasons}. */
    @PostMapping("/{id}/reject")
    Map<String, Object> reject(Caller caller, @PathVariable String id, @RequestBody(required = false) JsonNode body,
                               HttpServletRequest request) {
        requireModerator(caller);
        JsonBody b = JsonBody.of(body);
        return NativeViews.ok(json.moderationView(gallery.reject(id, actor(caller), b.requiredString("reason"),
                b.string("note").orElse(null), GalleryJson.requestId(request))));
    }

    /** {@code {reason?}}. */
    @PostMapping("/{id}/hide")
    Map<String, Object> hide(Caller caller, @PathVariable String id, @RequestBody(required = false) JsonNode body,
                             HttpServletRequest request) {
        requireModerator(caller);
        JsonBody b = JsonBody.of(body);
        return NativeViews.ok(json.moderationView(gallery.hide(id, actor(caller), b.string("reason").orElse(null),
                GalleryJson.requestId(request))));
    }

    /**
     * {@code {action: approve|reject|hide, ids: [...], reason?, note?}}: each id is decided on its
     * own; the answer lists every id's outcome (a failure of one does not undo the others).
     */
    @PostMapping("/bulk")
    Map<String, Object> bulk(Caller caller, @RequestBody(required = false) JsonNode body, HttpServletRequest request) {
        requireModerator(caller);
        JsonBody b = JsonBody.of(body);
        String action = b.requiredString("action");
        if (!List.of("approve", "reject", "hide").contains(action)) {
            throw new JsonFieldException("action", "action must be approve, reject or hide");
        }
        JsonNode idsNode = body.get("ids");
        if (idsNode == null || !idsNode.isArray() || idsNode.isEmpty() || idsNode.size() > MAX_BULK) {
            throw new JsonFieldException("ids", "ids must be an array of 1 to " + MAX_BULK + " generation ids");
        }
        String reason = b.string("reason").orElse(null);
        String note = b.string("note").orElse(null);
        if (action.equals("reject") && (reason == null || !gallery.rejectReasons().contains(reason))) {
            throw new JsonFieldException("reason", "reason must be one of " + gallery.rejectReasons());
        }
        Actor actor = actor(caller);
        String requestId = GalleryJson.requestId(request);
        List<Map<String, Object>> results = new ArrayList<>();
        for (JsonNode idNode : idsNode) {
            String id = idNode.isString() ? idNode.stringValue() : String.valueOf(idNode);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("id", id);
            try {
                GalleryEntry entry = switch (action) {
                    case "approve" -> gallery.approve(id, actor, requestId);
                    case "reject" -> gallery.reject(id, actor, reason, note, requestId);
                    default -> gallery.hide(id, actor, reason, requestId);
                };
                result.put("success", true);
                result.put("status", entry.status().name());
            } catch (GalleryException e) {
                result.put("success", false);
                result.put("error", Map.of("code", e.code(), "message", e.getMessage()));
            }
            results.add(result);
        }
        return NativeViews.ok(results);
    }

    private Actor actor(Caller caller) {
        return Actor.ofKey(caller, accounts.findTeam(caller.teamId()).map(Team::name).orElse(caller.teamId()));
    }

    static void requireModerator(Caller caller) {
        if (!caller.moderator()) {
            throw new ForbiddenException("this route needs a moderator or admin key");
        }
    }
}
