package io.atelier.core.api.gallery;

import io.atelier.core.api.BodyLimit;
import io.atelier.core.api.KeySignInPage;
import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.core.account.Team;
import io.atelier.core.api.PublicEndpoint;
import io.atelier.core.api.RateLimitExceededException;
import io.atelier.core.gallery.Actor;
import io.atelier.core.gallery.GalleryEntry;
import io.atelier.core.gallery.GalleryException;
import io.atelier.core.gallery.GalleryReport;
import io.atelier.core.gallery.GalleryService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The moderation console: sign-in with an API key that holds the moderator role (or an admin key)
 * into an HTTP session, the review queue with large previews, decisions (with keyboard shortcuts
 * in {@code /assets/moderation.js}), bulk decisions, open reports and the audit log.
 *
 * <p>Marked {@link PublicEndpoint} because it does not take API keys per request: it authorizes by
 * its own session ({@link ModerationSession}); every POST it authorizes checks the CSRF token.
 */
@Controller
@PublicEndpoint
@BodyLimit("64KB") // bulk decisions: up to 100 ids and a 2,000-character note, percent-encoded
class ModerationPagesController {

    private static final KeySignInPage SIGN_IN = new KeySignInPage("/moderation", "moderation/login");

    private final GalleryService gallery;
    private final AccountService accounts;
    private final GalleryLinks cards;
    private final ModerationSession session;

    ModerationPagesController(GalleryService gallery, AccountService accounts, GalleryLinks cards,
                              ModerationSession session) {
        this.gallery = gallery;
        this.accounts = accounts;
        this.cards = cards;
        this.session = session;
    }

    @GetMapping("/moderation/login")
    String loginForm(HttpServletRequest request, HttpServletResponse response, @RequestParam(required = false) String loggedOut,
                     Model view) {
        return SIGN_IN.form(session.caller(request, response).isPresent(), loggedOut != null,
                ModerationSession.csrfToken(request), view);
    }

    @PostMapping("/moderation/login")
    String login(@RequestParam(required = false) String apiKey, @RequestParam(name = ModerationSession.CSRF_PARAMETER, required = false)
                 String csrf, HttpServletRequest request, HttpServletResponse response, Model view) {
        ModerationSession.checkCsrf(request, csrf);
        Optional<Caller> caller = session.checkKey(apiKey, request, response);
        if (caller.isEmpty()) {
            return SIGN_IN.refused(response, 401, "That API key is not valid.", ModerationSession.csrfToken(request), view);
        }
        if (!caller.get().moderator()) {
            return SIGN_IN.refused(response, 403, "That API key does not hold the moderator role.",
                    ModerationSession.csrfToken(request), view);
        }
        String name = accounts.findTeam(caller.get().teamId()).map(Team::name).orElse("moderator");
        ModerationSession.signIn(request, caller.get(), name);
        return SIGN_IN.signedInRedirect();
    }

    @PostMapping("/moderation/logout")
    String logout(@RequestParam(name = ModerationSession.CSRF_PARAMETER, required = false) String csrf, HttpServletRequest request) {
        ModerationSession.checkCsrf(request, csrf);
        ModerationSession.signOut(request);
        return SIGN_IN.signedOutRedirect();
    }

    @GetMapping("/moderation")
    String queue(HttpServletRequest request, HttpServletResponse response, @RequestParam(required = false) String done,
                 @RequestParam(required = false) String error, Model view) {
        if (session.caller(request, response).isEmpty()) {
            return "redirect:/moderation/login";
        }
        GalleryService.Page<GalleryEntry> page = gallery.queue(50, 0);
        List<Map<String, Object>> items = new ArrayList<>();
        for (GalleryEntry e : page.items()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("card", cards.card(e));
            item.put("e", e);
            // The whole report history: open reports and those earlier decisions dealt with, so a
            // moderator sees an image reported again after it was approved.
            List<GalleryReport> history = gallery.reports(e.generationId(), false);
            item.put("reports", history.stream().filter(GalleryReport::open).toList());
            item.put("history", history.stream().filter(r -> !r.open()).toList());
            item.put("appeal", gallery.appeals(e.generationId()).stream().filter(a -> a.status().equals("OPEN")).findFirst().orElse(null));
            items.add(item);
        }
        List<GalleryReport> reports = gallery.openReports(50);
        view.addAttribute("items", items);
        view.addAttribute("total", page.total());
        view.addAttribute("reports", reports);
        view.addAttribute("audit", gallery.audit(null, 30, 0));
        view.addAttribute("reasons", gallery.rejectReasons());
        view.addAttribute("csrf", ModerationSession.csrfToken(request));
        view.addAttribute("who", ModerationSession.displayName(request));
        view.addAttribute("notice", done == null ? null : switch (done) {
            case "approve" -> "Approved.";
            case "reject" -> "Rejected.";
            case "hide" -> "Hidden.";
            case "bulk" -> "Bulk action done.";
            default -> null;
        });
        view.addAttribute("error", error);
        return "moderation/queue";
    }

    @GetMapping("/moderation/audit")
    String audit(HttpServletRequest request, HttpServletResponse response, @RequestParam(required = false) String target,
                 @RequestParam(required = false) String page, Model view) {
        if (session.caller(request, response).isEmpty()) {
            return "redirect:/moderation/login";
        }
        int n = 1;
        try {
            n = page == null ? 1 : Math.max(1, Integer.parseInt(page));
        } catch (NumberFormatException ignored) {
            // first page
        }
        String t = target == null || target.isBlank() ? null : target.strip();
        view.addAttribute("audit", gallery.audit(t, 100, (n - 1) * 100));
        view.addAttribute("target", t == null ? "" : t);
        view.addAttribute("page", n);
        view.addAttribute("csrf", ModerationSession.csrfToken(request));
        view.addAttribute("who", ModerationSession.displayName(request));
        return "moderation/audit";
    }

    @PostMapping("/moderation/{id}/approve")
    String approve(@PathVariable String id, @RequestParam(name = ModerationSession.CSRF_PARAMETER, required = false) String csrf,
                   HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        Actor actor = authorize(request, response, csrf);
        return decided(() -> gallery.approve(id, actor, RequestIds.of(request)), "approve", redirect);
    }

    @PostMapping("/moderation/{id}/reject")
    String reject(@PathVariable String id, @RequestParam(required = false) String reason, @RequestParam(required = false) String note,
                  @RequestParam(name = ModerationSession.CSRF_PARAMETER, required = false) String csrf,
                  HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        Actor actor = authorize(request, response, csrf);
        return decided(() -> gallery.reject(id, actor, reason, note, RequestIds.of(request)), "reject", redirect);
    }

    @PostMapping("/moderation/{id}/hide")
    String hide(@PathVariable String id, @RequestParam(required = false) String reason,
                @RequestParam(name = ModerationSession.CSRF_PARAMETER, required = false) String csrf,
                HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        Actor actor = authorize(request, response, csrf);
        return decided(() -> gallery.hide(id, actor, reason, RequestIds.of(request)), "hide", redirect);
    }

    /** Bulk: the same decision for every checked entry; each is decided (and audited) on its own. */
    @PostMapping("/moderation/bulk")
    String bulk(@RequestParam(required = false) String action, @RequestParam(required = false) List<String> ids,
                @RequestParam(required = false) String reason, @RequestParam(required = false) String note,
                @RequestParam(name = ModerationSession.CSRF_PARAMETER, required = false) String csrf,
                HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        Actor actor = authorize(request, response, csrf);
        if (ids == null || ids.isEmpty()) {
            redirect.addAttribute("error", "Select at least one image for a bulk action.");
            return "redirect:/moderation";
        }
        String requestId = RequestIds.of(request);
        List<String> failures = new ArrayList<>();
        for (String id : ids.stream().limit(100).toList()) {
            try {
                switch (action == null ? "" : action) {
                    case "approve" -> gallery.approve(id, actor, requestId);
                    case "reject" -> gallery.reject(id, actor, reason, note, requestId);
                    case "hide" -> gallery.hide(id, actor, reason, requestId);
                    default -> throw new GalleryException(GalleryException.Kind.INVALID, "VALIDATION_ERROR", "action",
                            "choose approve, reject or hide");
                }
            } catch (GalleryException e) {
                failures.add(id.length() > 8 ? id.substring(0, 8) : id);
                if (e.kind() == GalleryException.Kind.INVALID) {
                    redirect.addAttribute("error", e.getMessage());
                    return "redirect:/moderation";
                }
            }
        }
        if (!failures.isEmpty()) {
            redirect.addAttribute("error", "Not changed (someone else decided first or the state does not allow it): "
                    + String.join(", ", failures));
            return "redirect:/moderation";
        }
        redirect.addAttribute("done", "bulk");
        return "redirect:/moderation";
    }

    private String decided(Runnable decision, String action, RedirectAttributes redirect) {
        try {
            decision.run();
            redirect.addAttribute("done", action);
        } catch (GalleryException e) {
            redirect.addAttribute("error", e.getMessage());
        }
        return "redirect:/moderation";
    }

    private Actor authorize(HttpServletRequest request, HttpServletResponse response, String csrf) {
        Caller caller = session.caller(request, response).orElseThrow(NotSignedInException::new);
        ModerationSession.checkCsrf(request, csrf);
        return Actor.ofKey(caller, ModerationSession.displayName(request));
    }

    @ExceptionHandler
    String csrfRejected(ModerationSession.CsrfRejectedException e, HttpServletResponse response, Model view) {
        response.setStatus(403);
        view.addAttribute("message", e.getMessage());
        return "gallery/error";
    }

    /** The key's requests for now are used up, or too many wrong keys from this address: 429 (Retry-After is set). */
    @ExceptionHandler
    String rateLimited(RateLimitExceededException e, HttpServletResponse response, Model view) {
        response.setStatus(429);
        view.addAttribute("message", e.getMessage());
        return "gallery/error";
    }

    @ExceptionHandler
    String notSignedIn(NotSignedInException e, HttpServletResponse response, Model view) {
        response.setStatus(403);
        view.addAttribute("message", e.getMessage());
        return "gallery/error";
    }

    /** A moderation POST without a signed-in moderator session. */
    static final class NotSignedInException extends RuntimeException {
        NotSignedInException() {
            super("sign in as a moderator first (/moderation/login)");
        }
    }
}
