package io.atelier.core.api.v1;

import io.atelier.core.account.Caller;
import io.atelier.core.prompt.TeamCatalog;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import tools.jackson.databind.JsonNode;

/**
 * The controller of a team catalog (presets, templates): its routes answer list, get, create (201
 * with its {@code Location}), replace and delete, each in the {@code {success, data}} envelope. The
 * routes without a path variable are declared here; each subclass declares the three with one,
 * because their variable names ({@code {id}}, {@code {name}}) are part of the published API, and
 * answers them with {@link #entry}, {@link #replaceEntry} and {@link #deleteEntry}.
 *
 * @param <T> an entry
 * @param <D> the definition parsed from a request body
 */
abstract class NativeTeamCatalog<T, D> {

    private final TeamCatalog<T, D> catalog;
    private final String path;
    private final String deletedMessage;
    private final Function<T, String> key;
    private final Function<T, Map<String, Object>> view;
    private final Function<JsonNode, D> definition;

    /**
     * @param path           the collection's path, e.g. {@code /api/v1/presets} (a created entry is at {@code path/key})
     * @param deletedMessage the {@code message} of a delete's answer
     */
    NativeTeamCatalog(TeamCatalog<T, D> catalog, String path, String deletedMessage, Function<T, String> key,
                      Function<T, Map<String, Object>> view, Function<JsonNode, D> definition) {
        this.catalog = catalog;
        this.path = path;
        this.deletedMessage = deletedMessage;
        this.key = key;
        this.view = view;
        this.definition = definition;
    }

    @GetMapping
    Map<String, Object> list(Caller caller) {
        return NativeViews.ok(catalog.list(caller.teamId()).stream().map(view).toList());
    }

    Map<String, Object> entry(Caller caller, String entry) {
        return NativeViews.ok(view.apply(catalog.get(caller.teamId(), entry)));
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> create(Caller caller, @RequestBody(required = false) JsonNode body) {
        T created = catalog.create(caller.teamId(), definition.apply(body));
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create(path + "/" + key.apply(created)))
                .body(NativeViews.ok(view.apply(created)));
    }

    Map<String, Object> replaceEntry(Caller caller, String entry, JsonNode body) {
        return NativeViews.ok(view.apply(catalog.replace(caller.teamId(), entry, definition.apply(body))));
    }

    Map<String, Object> deleteEntry(Caller caller, String entry) {
        catalog.delete(caller.teamId(), entry);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("message", deletedMessage);
        return out;
    }
}
