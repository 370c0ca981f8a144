package io.atelier.core.api.v0;

import io.atelier.core.account.Caller;
import io.atelier.core.api.JsonFieldException;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.generation.GenerationService.GeneratedImage;
import io.atelier.core.generation.GenerationService.ImagePage;
import io.atelier.core.prompt.preset.Preset;
import io.atelier.core.prompt.preset.PresetService;
import io.atelier.core.storage.ImageUrls;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The v0 image library: the team's output images, newest first ({@code page} from 1, {@code limit}
 * 1–100, {@code presetId}, {@code search} over the prompt as written and the preset's name), one
 * image's metadata, and its bytes as an attachment. Another team's image is a 404.
 */
@RestController
@RequestMapping("/v0/images/library")
class V0LibraryController {

    static final int MAX_PAGE = 1_000_000;
    static final int MAX_SEARCH = 200;

    private final GenerationService generations;
    private final PresetService presets;
    private final V0Views views;
    private final ImageUrls urls;

    V0LibraryController(GenerationService generations, PresetService presets, V0Views views, ImageUrls urls) {
        this.generations = generations;
        this.presets = presets;
        this.views = views;
        this.urls = urls;
    }

    @GetMapping
    Map<String, Object> list(Caller caller,
                             @RequestParam(value = "page", required = false) String pageParam,
                             @RequestParam(value = "limit", required = false) String limitParam,
                             @RequestParam(value = "presetId", required = false) String presetIdParam,
                             @RequestParam(value = "search", required = false) String searchParam) {
        int page = integer("page", pageParam, 1, 1, MAX_PAGE);
        int limit = integer("limit", limitParam, 20, 1, 100);
        String presetId = presetIdParam == null || presetIdParam.isBlank() ? null : presetIdParam.strip();
        if (presetId != null && presetId.length() > V0RequestMapper.MAX_ID_LENGTH) {
            throw new JsonFieldException("presetId", "presetId must be at most " + V0RequestMapper.MAX_ID_LENGTH
                    + " characters");
        }
        String search = searchParam == null || searchParam.isBlank() ? null : searchParam.strip();
        if (search != null && search.length() > MAX_SEARCH) {
            throw new JsonFieldException("search", "search must be at most " + MAX_SEARCH + " characters");
        }
        List<String> presetsNamed = search == null ? List.of() : presets.list(caller.teamId()).stream()
                .filter(p -> p.name() != null && p.name().toLowerCase(Locale.ROOT).contains(search.toLowerCase(Locale.ROOT)))
                .map(Preset::id).toList();
        ImagePage result = generations.listImages(caller, presetId, search, presetsNamed, limit, (page - 1) * limit);
        String base = urls.base();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("images", result.items().stream().map(i -> views.libraryItem(i, base)).toList());
        data.put("total", result.total());
        data.put("page", page);
        data.put("limit", limit);
        return Map.of("data", data);
    }

    @GetMapping("/{imageId}")
    Map<String, Object> get(Caller caller, @PathVariable String imageId) {
        return Map.of("data", views.libraryDetail(find(caller, imageId), urls.base()));
    }

    @GetMapping("/{imageId}/download")
    ResponseEntity<Resource> download(Caller caller, @PathVariable String imageId) {
        GeneratedImage found = find(caller, imageId);
        InputStream bytes = generations.openImage(found.image())
                .orElseThrow(() -> new V0NotFoundException("the bytes of image " + imageId + " are no longer stored"));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(found.image().mimeType()));
        headers.setContentLength(found.image().fileSize());
        headers.setContentDisposition(ContentDisposition.attachment()
                .filename(found.image().id() + "." + found.image().extension()).build());
        headers.set("X-Content-Type-Options", "nosniff");
        return new ResponseEntity<>(new InputStreamResource(bytes), headers, HttpStatus.OK);
    }

    private GeneratedImage find(Caller caller, String imageId) {
        return generations.findImage(caller, imageId)
                .orElseThrow(() -> new V0NotFoundException("image " + imageId + " not found"));
    }

    private static int integer(String name, String value, int absent, int min, int max) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int v = Integer.parseInt(value.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new JsonFieldException(name, name + " must be an integer between " + min + " and " + max);
    }
}
