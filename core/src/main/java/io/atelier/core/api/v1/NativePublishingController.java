package io.atelier.core.api.v1;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.core.account.Team;
import io.atelier.core.api.JsonBody;
import io.atelier.core.gallery.Actor;
import io.atelier.core.gallery.GalleryAppeal;
import io.atelier.core.gallery.GalleryException;
import io.atelier.core.gallery.GalleryService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The owner's side of the gallery: publish a generation, withdraw it, see its review state, appeal
 * a rejection. Another team's generation answers 404.
 */
@RestController
@RequestMapping("/api/v1/generations/{id}")
class NativePublishingController {

    private final GalleryService gallery;
    private final GalleryJson json;
    private final AccountService accounts;

    NativePublishingController(GalleryService gallery, GalleryJson json, AccountService accounts) {
        this.gallery = gallery;
        this.json = json;
        this.accounts = accounts;
    }

    @PostMapping("/publish")
    Map<String, Object> publish(Caller caller, @PathVariable String id, HttpServletRequest request) {
        return NativeViews.ok(json.ownerView(gallery.publish(caller, id, owner(caller), GalleryJson.requestId(request))));
    }

    @PostMapping("/withdraw")
    Map<String, Object> withdraw(Caller caller, @PathVariable String id, HttpServletRequest request) {
        return NativeViews.ok(json.ownerView(gallery.withdraw(caller, id, owner(caller), GalleryJson.requestId(request))));
    }

    @GetMapping("/publication")
    Map<String, Object> publication(Caller caller, @PathVariable String id) {
        return NativeViews.ok(json.ownerView(gallery.findOwned(caller, id).orElseThrow(() ->
                new GalleryException(GalleryException.Kind.NOT_FOUND, "GALLERY_ENTRY_NOT_FOUND", null,
                        "generation " + id + " has not been published"))));
    }

    /** {@code {message}}: one appeal per rejection. */
    @PostMapping("/appeal")
    Map<String, Object> appeal(Caller caller, @PathVariable String id, @RequestBody(required = false) JsonNode body,
                               HttpServletRequest request) {
        String message = JsonBody.of(body).requiredString("message");
        GalleryAppeal appeal = gallery.appeal(caller, id, message, owner(caller), GalleryJson.requestId(request));
        return NativeViews.ok(GalleryJson.appeal(appeal));
    }

    private Actor owner(Caller caller) {
        return Actor.ownerKey(caller, accounts.findTeam(caller.teamId()).map(Team::name).orElse(caller.teamId()));
    }
}
