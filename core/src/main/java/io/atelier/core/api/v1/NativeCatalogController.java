package io.atelier.core.api.v1;

import io.atelier.core.account.Caller;
import io.atelier.core.common.Ids;
import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorKind;
import io.atelier.core.provider.ModelCatalog;
import io.atelier.core.storage.ImageRepository;
import io.atelier.core.storage.StoredImage;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The model catalog and image metadata of the native API. */
@RestController
@RequestMapping("/api/v1")
class NativeCatalogController {

    private final ModelCatalog catalog;
    private final ImageRepository images;
    private final NativeViews views;

    NativeCatalogController(ModelCatalog catalog, ImageRepository images, NativeViews views) {
        this.catalog = catalog;
        this.images = images;
        this.views = views;
    }

    @GetMapping("/models")
    Map<String, Object> models(Caller caller) {
        String defaultId = catalog.defaultModel().id();
        return NativeViews.ok(catalog.models().stream().map(m -> NativeViews.model(m, m.id().equals(defaultId))).toList());
    }

    @GetMapping("/images/{id}")
    Map<String, Object> image(Caller caller, @PathVariable String id) {
        StoredImage image = (Ids.isUuid(id) ? images.findById(id) : Optional.<StoredImage>empty())
                .filter(i -> i.teamId().equals(caller.teamId()))
                .orElseThrow(() -> new ImageNotFoundException(id));
        return NativeViews.ok(views.image(image));
    }

    /** No image with this id belongs to the caller's team. */
    static class ImageNotFoundException extends AtelierException {
        ImageNotFoundException(String id) {
            super(ErrorKind.NOT_FOUND, "IMAGE_NOT_FOUND", null, "image " + id + " not found");
        }
    }
}
