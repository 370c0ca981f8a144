package io.atelier.bot.chat;

import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationImageInputs;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.generation.GenerationStateException;
import io.atelier.core.generation.GenerationStatus;
import io.atelier.core.provider.AspectRatio;
import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ModelCapabilities;
import io.atelier.core.provider.ModelCatalog;
import io.atelier.core.provider.ProviderRequest.SourceImage;
import io.atelier.core.provider.ProviderRequest.Upscale;
import io.atelier.core.storage.ImageStore;
import io.atelier.core.storage.StoredImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The chat actions, once for every platform: a click (or a submitted form) in, an {@link ActionOutcome}
 * out. Discord and Slack only translate their events into these calls and render the outcomes.
 *
 * <ul>
 *   <li><b>Upscale</b> image n: a job on the model's upscaler ({@link ModelCapabilities#upscaleFactor()})
 *       with the image as its init image; a model without one shows the image alone at its full size,
 *       and says so (no job, no charge).</li>
 *   <li><b>Vary (Subtle/Strong)</b> image n: image-to-image from it at the configured strength
 *       ({@code atelier.chat.images.*-strength}), same prompt, size and count, a new seed; refused for
 *       models that take no image.</li>
 *   <li><b>Remix</b>: the prompt and options in a form; the submitted form runs like {@code /imagine}.</li>
 *   <li><b>Cancel</b> (owner or moderator): stops a queued or running job, refunds it; its message
 *       shows the cancellation through its delivery.</li>
 *   <li><b>Reroll</b> and <b>Retry</b> (from the same images as the job they repeat), <b>Delete</b>,
 *       <b>Details</b>, and <b>Imagine</b> on a {@code /describe} prompt.</li>
 * </ul>
 * Every refusal happens before a job exists, so nothing is charged. Publishing and moderation stay
 * with the platforms' moderation code.
 *
 * <p>Blocking (database, downloads of stored images, possibly an LLM for enhancement): call it off
 * the platforms' event threads.
 */
@Service
public class ChatActionRunner {

    private final ChatActions actions;
    private final ChatImagine imagine;
    private final ChatDeliveries deliveries;
    private final GenerationService generations;
    private final ModelCatalog catalog;
    private final ChatImageProperties images;
    private final ChatDescribe describes;
    private final ImageStore store;

    ChatActionRunner(ChatActions actions, ChatImagine imagine, ChatDeliveries deliveries, GenerationService generations,
                     ModelCatalog catalog, ChatImageProperties images, ChatDescribe describes, ImageStore store) {
        this.actions = actions;
        this.imagine = imagine;
        this.deliveries = deliveries;
        this.generations = generations;
        this.catalog = catalog;
        this.images = images;
        this.describes = describes;
        this.store = store;
    }

    /**
     * Runs a click.
     *
     * @param target where a new message goes (Discord: the click's interaction; Slack: the channel)
     */
    public ActionOutcome run(ChatUser user, ActionId id, DeliveryTarget target) {
        if (id.action() == ChatAction.IMAGINE_PROMPT) {
            return imaginePrompt(user, id, target);
        }
        ChatActions.Authorized a;
        try {
            a = actions.authorize(user, id);
        } catch (ChatActionException e) {
            return refused(e.code(), e.getMessage(), null);
        }
        Generation g = a.generation();
        return switch (id.action()) {
            case REROLL, RETRY -> posted(imagine.again(user, g, id.action(), inputsOf(g), target));
            case UPSCALE -> upscale(user, g, Math.max(1, id.index()), target);
            case VARIATIONS -> vary(user, g, 1, images.strongStrength(), target);
            case VARY_SUBTLE -> vary(user, g, Math.max(1, id.index()), images.subtleStrength(), target);
            case VARY_STRONG -> vary(user, g, Math.max(1, id.index()), images.strongStrength(), target);
            case REMIX -> new ActionOutcome.Form(RemixForm.of(g));
            case CANCEL -> cancel(a);
            case DELETE -> {
                generations.delete(a.caller(), g.id());
                yield new ActionOutcome.Deleted(g);
            }
            case DETAILS -> new ActionOutcome.Details(g);
            case IMAGINE_PROMPT, PUBLISH, APPROVE, REJECT ->
                    throw new IllegalArgumentException(id.action() + " is not run here");
        };
    }

    /** A submitted Remix form: the generation's options with the form's values, as a new job. */
    public ActionOutcome remix(ChatUser user, ActionId id, RemixForm form, DeliveryTarget target) {
        ChatActions.Authorized a;
        try {
            a = actions.authorize(user, new ActionId(ChatAction.REMIX, id.targetId()));
        } catch (ChatActionException e) {
            return refused(e.code(), e.getMessage(), null);
        }
        Generation g = a.generation();
        String prompt = blankToNull(form.prompt());
        if (prompt == null) {
            return refused("INVALID_PROMPT", "The prompt is required: write what to draw.", g.id());
        }
        String ratio = blankToNull(form.aspectRatio());
        if (ratio != null && AspectRatio.parse(ratio).isEmpty()) {
            return refused("INVALID_ASPECT_RATIO", "aspect ratio must look like 16:9 (between 1:8 and 8:1), not " + ratio, g.id());
        }
        String model = blankToNull(form.model());
        if (model != null && catalog.find(model).isEmpty()) {
            return refused("MODEL_NOT_FOUND", "unknown model " + model + "; /models lists them", g.id());
        }
        Long seed = null;
        String seedText = blankToNull(form.seed());
        if (seedText != null) {
            try {
                seed = Long.parseLong(seedText);
            } catch (NumberFormatException e) {
                return refused("INVALID_SEED", "seed must be a whole number, not " + seedText, g.id());
            }
        }
        ImagineOptions options = new ImagineOptions(prompt, ratio != null ? ratio : g.asked().aspectRatio(),
                g.asked().template(),
                g.asked().autoEnhance(), g.asked().count(), blankToNull(form.negative()), model != null ? model
                : g.asked().model(), seed, false);
        return posted(imagine.submit(user, options, ImageInputs.NONE, target, null));
    }

    /**
     * The images a generation started from, for Reroll and Retry to start from the same: its init image
     * (an attachment, or the image a variation or upscale came from), strength, upscale and references.
     */
    private ImageInputs inputsOf(Generation g) {
        GenerationImageInputs stored = g.inputs().imageInputs();
        if (g.inputs().editImageHash() == null && stored.isEmpty()) {
            return ImageInputs.NONE;
        }
        SourceImage init = g.inputs().editImageHash() == null ? null : blob(g.inputs().editImageHash(),
                g.inputs().editImageMime());
        List<SourceImage> references = stored.references().stream().map(r -> blob(r.contentHash(), r.mimeType())).toList();
        return new ImageInputs(init, stored.strength(), references, stored.upscale(),
                init == null ? null : new ImageSize(g.asked().width(), g.asked().height()), "generation " + g.id()
                + " input");
    }

    private SourceImage blob(String hash, String mimeType) {
        Optional<InputStream> in;
        try {
            in = store.open(hash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (in.isEmpty()) {
            throw new UncheckedIOException(new IOException("input image " + hash + " is missing from storage"));
        }
        try (InputStream stream = in.get()) {
            return new SourceImage(stream.readAllBytes(), mimeType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ActionOutcome upscale(ChatUser user, Generation g, int index, DeliveryTarget target) {
        Optional<ActionOutcome> notReady = finishedImage(g, index, "upscaled");
        if (notReady.isPresent()) {
            return notReady.get();
        }
        StoredImage image = image(g, index).orElseThrow();
        ModelCapabilities caps = capabilities(g).orElse(null);
        if (caps == null) {
            return refused("MODEL_UNAVAILABLE", "model " + g.asked().model() + " is no longer configured here", g.id());
        }
        if (caps.upscaleFactor() == 0) {
            // No upscaler: the image alone at its full size, said so in the message (no job, no charge).
            String deliveryId = deliveries.track(user, g, target.withFocus(index));
            return new ActionOutcome.Posted(g, deliveryId, false);
        }
        int factor = Math.min(caps.upscaleFactor(), 4);
        ImageSize size = new ImageSize(image.width() * factor, image.height() * factor);
        if (caps.anySize() && Math.max(size.width(), size.height()) > caps.maxPixelSide()) {
            return refused("IMAGE_TOO_LARGE_TO_UPSCALE", "image " + index + " is " + image.width() + "×" + image.height()
                    + "; " + g.asked().model() + " makes at most " + caps.maxPixelSide() + " pixels a side", g.id());
        }
        ImageInputs inputs = new ImageInputs(read(image), null, List.of(), new Upscale(factor, index - 1), size,
                "generation " + g.id() + " image " + index);
        ImagineOptions options = new ImagineOptions(g.asked().prompt(), null, null, false, 1,
                g.asked().negativePrompt(), g.asked().model(),
                g.asked().seed(), false);
        return posted(imagine.submit(user, options, inputs, target, null));
    }

    private ActionOutcome vary(ChatUser user, Generation g, int index, double strength, DeliveryTarget target) {
        Optional<ActionOutcome> notReady = finishedImage(g, index, "varied");
        if (notReady.isPresent()) {
            return notReady.get();
        }
        if (!capabilities(g).map(ModelCapabilities::edits).orElse(false)) {
            return refused("NO_VARIATIONS", g.asked().model()
                    + " cannot start from an image, so it makes no variations;"
                    + " try Reroll, or another model", g.id());
        }
        ImageInputs inputs = new ImageInputs(read(image(g, index).orElseThrow()), strength, List.of(), null,
                new ImageSize(g.asked().width(), g.asked().height()), "generation " + g.id() + " image " + index);
        ImagineOptions options = new ImagineOptions(g.asked().prompt(), null, null, false, g.asked().count(),
                g.asked().negativePrompt(), g.asked().model(),
                null, false);
        return posted(imagine.submit(user, options, inputs, target, null));
    }

    private ActionOutcome cancel(ChatActions.Authorized a) {
        Generation g = a.generation();
        Generation canceled;
        try {
            canceled = generations.cancel(a.caller(), g.id());
        } catch (GenerationStateException e) {
            return refused("NOT_CANCELABLE", "It already ended (" + statusWord(generations.find(a.caller(), g.id())
                    .map(Generation::status).orElse(g.status())) + "): there is nothing to cancel.", g.id());
        }
        deliveries.wake(g.id());
        return new ActionOutcome.Canceled(canceled, canceled.billing().creditsCharged());
    }

    private ActionOutcome imaginePrompt(ChatUser user, ActionId id, DeliveryTarget target) {
        Optional<ChatDescribe.Stored> stored = describes.find(user, id.targetId());
        if (stored.isEmpty()) {
            return refused("NOT_FOUND", "Those prompts are no longer here; run /describe again.", null);
        }
        List<String> prompts = stored.get().prompts();
        if (id.index() < 1 || id.index() > prompts.size()) {
            return refused("NOT_FOUND", "There is no prompt " + id.index() + " in that answer.", null);
        }
        return posted(imagine.submit(user, ImagineOptions.ofPrompt(prompts.get(id.index() - 1)), ImageInputs.NONE, target,
                null));
    }

    /** Refused unless image {@code index} of a finished generation exists. */
    private Optional<ActionOutcome> finishedImage(Generation g, int index, String verb) {
        if (g.status() != GenerationStatus.SUCCEEDED) {
            return Optional.of(refused("NO_IMAGE", "Only a finished image can be " + verb + "; this generation "
                    + (g.status().isTerminal() ? "ended " : "is ") + statusWord(g.status()) + ".", g.id()));
        }
        if (image(g, index).isEmpty()) {
            return Optional.of(refused("NO_SUCH_IMAGE", "This generation has no image " + index + ".", g.id()));
        }
        return Optional.empty();
    }

    private static Optional<StoredImage> image(Generation g, int index) {
        return g.outcome().images().stream().filter(i -> i.index() == index - 1).findFirst();
    }

    private Optional<ModelCapabilities> capabilities(Generation g) {
        return catalog.find(g.asked().model()).map(e -> e.model().capabilities());
    }

    private SourceImage read(StoredImage image) {
        Optional<InputStream> in = generations.openImage(image);
        if (in.isEmpty()) {
            throw new UncheckedIOException(new IOException("image " + image.id() + " is missing from storage"));
        }
        try (InputStream stream = in.get()) {
            return new SourceImage(stream.readAllBytes(), image.mimeType());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ActionOutcome posted(ImagineOutcome outcome) {
        return switch (outcome) {
            case ImagineOutcome.Accepted accepted -> new ActionOutcome.Posted(accepted.generation(), accepted.deliveryId(), true);
            case ImagineOutcome.Refused refused -> new ActionOutcome.Refused(refused.failure());
        };
    }

    private static ActionOutcome refused(String code, String message, String generationId) {
        return new ActionOutcome.Refused(new ChatView.Failure(ChatView.FailureKind.INVALID, code, message, generationId,
                null, null, false));
    }

    private static String statusWord(GenerationStatus status) {
        return switch (status) {
            case QUEUED -> "queued";
            case PROCESSING -> "running";
            default -> status.name().toLowerCase(Locale.ROOT);
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
