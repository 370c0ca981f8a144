package io.atelier.bot.chat;

import io.atelier.core.provider.ModelCatalog;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.ProviderRequest.SourceImage;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * {@code /blend}: two to five attached images into one, through a model that takes that many
 * reference images ({@code maxReferenceImages}: local/preview composes them, Gemini takes up to 14,
 * GPT Image up to 15). The model is the one given, else the user's default, else the catalog's; one
 * that takes too few is refused with the models that would do, before anything is downloaded or
 * charged. The prompt is optional.
 *
 * <p>Blocking (downloads, database): call it off the platforms' event threads.
 */
@Service
public class ChatBlend {

    public static final int MIN_IMAGES = 2;
    public static final int MAX_IMAGES = 5;
    static final String DEFAULT_PROMPT = "one image that blends the subjects, styles and colours of the reference images";

    private final ChatImagine imagine;
    private final ChatUploads uploads;
    private final ChatSettingsStore settings;
    private final ModelCatalog catalog;

    ChatBlend(ChatImagine imagine, ChatUploads uploads, ChatSettingsStore settings, ModelCatalog catalog) {
        this.imagine = imagine;
        this.uploads = uploads;
        this.settings = settings;
        this.catalog = catalog;
    }

    /** The ids of the models that can blend at least {@link #MIN_IMAGES} images (a blend form's choices). */
    public List<String> models() {
        return modelsTaking(MIN_IMAGES);
    }

    private List<String> modelsTaking(int references) {
        return catalog.models().stream().filter(m -> m.capabilities().maxReferenceImages() >= references)
                .map(ModelDescriptor::id).toList();
    }

    /**
     * @param options prompt (optional), aspect ratio, model, count … as for {@code /imagine}; attachments ignored
     * @param images  the images to blend, in order
     */
    public ImagineOutcome blend(ChatUser user, ImagineOptions options, List<ChatImageRef> images, DeliveryTarget target) {
        if (images.size() < MIN_IMAGES || images.size() > MAX_IMAGES) {
            return refused("BLEND_IMAGE_COUNT", "/blend takes " + MIN_IMAGES + " to " + MAX_IMAGES + " images; "
                    + (images.size() == 1 ? "1 was" : images.size() + " were") + " attached");
        }
        String modelId = options.model() != null && !options.model().isBlank() ? options.model().strip()
                : Optional.ofNullable(settings.get(user).model()).orElse(catalog.defaultModel().id());
        Optional<ModelDescriptor> model = catalog.find(modelId).map(e -> e.model());
        if (model.isEmpty()) {
            return refused("MODEL_NOT_FOUND", "unknown model " + modelId + "; /models lists them");
        }
        int takes = model.get().capabilities().maxReferenceImages();
        if (takes < images.size()) {
            List<String> able = modelsTaking(images.size());
            return refused("MODEL_TAKES_TOO_FEW_IMAGES", modelId + (takes == 0 ? " takes no reference images"
                    : " takes at most " + takes + " reference images") + ", so it cannot blend " + images.size()
                    + (able.isEmpty() ? "; no model here can" : "; choose one of: " + String.join(", ", able)));
        }
        List<SourceImage> fetched;
        try {
            fetched = uploads.fetchAll(images, "image");
        } catch (ChatUploads.ChatUploadException e) {
            return refused(e.code(), e.getMessage());
        }
        String prompt = options.prompt() == null || options.prompt().isBlank() ? DEFAULT_PROMPT : options.prompt();
        ImagineOptions blend = new ImagineOptions(prompt, options.aspectRatio(), options.template(),
                options.enhance() != null ? options.enhance() : Boolean.FALSE, options.count(), options.negative(), modelId,
                options.seed(), options.publicRequested());
        return imagine.submit(user, blend, new ImageInputs(null, null, fetched, null, null, null), target, null);
    }

    private static ImagineOutcome refused(String code, String message) {
        return new ImagineOutcome.Refused(new ChatView.Failure(ChatView.FailureKind.INVALID, code, message, null, null,
                null, false));
    }
}
