package io.atelier.bot.chat;

import io.atelier.core.account.Caller;
import io.atelier.core.common.Timestamps;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationRequest;
import io.atelier.core.generation.GenerationService;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The {@code /imagine} flow shared by the bots: quota check, the user's settings, submit to the
 * core service, record the chat job, and (when the message target is known) start its durable
 * delivery. Blocking (database, possibly an LLM enhancement call): call it off the platform's
 * event threads.
 */
@Service
public class ChatImagine {

    private final ChatAccounts accounts;
    private final ChatSettingsStore settings;
    private final ChatQuotas quotas;
    private final GenerationService generations;
    private final ChatRenderer renderer;
    private final ChatDeliveries deliveries;
    private final ChatJobRepository repository;
    private final ChatUploads uploads;

    @Autowired
    ChatImagine(ChatAccounts accounts, ChatSettingsStore settings, ChatQuotas quotas, GenerationService generations,
                ChatRenderer renderer, ChatDeliveries deliveries, ChatJobRepository repository, ChatUploads uploads) {
        this.accounts = accounts;
        this.settings = settings;
        this.quotas = quotas;
        this.generations = generations;
        this.renderer = renderer;
        this.deliveries = deliveries;
        this.repository = repository;
        this.uploads = uploads;
    }

    /** Without attachment support (tests of the text-only flow). */
    ChatImagine(ChatAccounts accounts, ChatSettingsStore settings, ChatQuotas quotas, GenerationService generations,
                ChatRenderer renderer, ChatDeliveries deliveries, ChatJobRepository repository) {
        this(accounts, settings, quotas, generations, renderer, deliveries, repository, null);
    }

    /**
     * Submits an {@code /imagine}.
     *
     * @param target where the pending message is (Discord: the interaction); null when the platform
     *               posts it afterwards and calls {@link ChatDeliveries#track} itself (Slack)
     * @throws RuntimeException only for errors that are not the user's (database down, a bug)
     */
    public ImagineOutcome submit(ChatUser user, ImagineOptions options, DeliveryTarget target) {
        return submit(user, options, null, target, null);
    }

    /**
     * Submits with image inputs already in hand (an image of an earlier result, fetched references);
     * null {@code inputs} fetches the options' attachments.
     *
     * @param retryOf the generation whose Retry button led here, or null
     */
    ImagineOutcome submit(ChatUser user, ImagineOptions options, ImageInputs inputs, DeliveryTarget target, String retryOf) {
        Caller caller = accounts.callerFor(user);
        // Early and unlocked: an over-quota user is answered before any prompt work (an LLM call) or download.
        QuotaDecision decision = quotas.check(user);
        if (decision instanceof QuotaDecision.Denied denied) {
            return new ImagineOutcome.Refused(ChatRenderer.quota(denied));
        }
        String channelId = target == null ? null : target.channelId();
        Generation generation;
        try {
            ImageInputs images = inputs != null ? inputs : attachments(options);
            GenerationRequest request = options.toRequest(user, settings.get(user), channelId, images);
            // Binding: the check again, under the tenant's lock, in the transaction that stores the
            // generation, with the chat job recorded there too. Two /imagine of one user (or tenant)
            // at once, on one instance or two, cannot both pass a limit: the second waits for the
            // first to commit and then counts its job. A refusal here rolls the generation back
            // uncharged. Only the prompt work of a lost race is wasted.
            generation = generations.submit(caller, request, prepared -> {
                if (quotas.checkLocked(user) instanceof QuotaDecision.Denied denied) {
                    throw new QuotaExceeded(denied);
                }
                repository.recordJob(prepared.id(), prepared.teamId(), user, channelId, Timestamps.now());
            });
        } catch (QuotaExceeded e) {
            return new ImagineOutcome.Refused(ChatRenderer.quota(e.denied));
        } catch (RuntimeException e) {
            return renderer.refusal(e, retryOf).map(f -> (ImagineOutcome) new ImagineOutcome.Refused(f))
                    .orElseThrow(() -> e);
        }
        String deliveryId = target == null ? null : deliveries.track(user, generation, target);
        return new ImagineOutcome.Accepted(generation, caller, renderer.view(generation), deliveryId);
    }

    /**
     * Starts a new job from an existing one (a Reroll or Retry click), as the clicker. Reroll: new
     * random seed; Retry: the same options as first given, with the same images to start from
     * ({@code inputs}). Variations are image-to-image ({@link ChatActionRunner}).
     */
    public ImagineOutcome again(ChatUser user, Generation source, ChatAction action, ImageInputs inputs,
                                DeliveryTarget target) {
        Long seed = switch (action) {
            case REROLL -> null;
            case RETRY -> givenSeed(source);
            default -> throw new IllegalArgumentException(action + " does not start a job");
        };
        return submit(user, optionsOf(source).withSeed(seed), inputs, target, action == ChatAction.RETRY ? source.id() : null);
    }

    /** Reroll or Retry of a job that started from no image. */
    public ImagineOutcome again(ChatUser user, Generation source, ChatAction action, DeliveryTarget target) {
        return again(user, source, action, ImageInputs.NONE, target);
    }

    /** The options' attachments fetched and checked: the image to start from, then the references. */
    private ImageInputs attachments(ImagineOptions options) {
        if (!options.hasImages()) {
            return ImageInputs.NONE;
        }
        if (uploads == null) {
            throw new IllegalStateException("attachments are not supported here");
        }
        if (options.references().size() > ImagineOptions.MAX_REFERENCES) {
            throw new ChatUploads.ChatUploadException("TOO_MANY_REFERENCES", "at most " + ImagineOptions.MAX_REFERENCES
                    + " reference images can be attached, not " + options.references().size());
        }
        return new ImageInputs(options.image() == null ? null : uploads.fetch(options.image(), "image"), null,
                uploads.fetchAll(options.references(), "reference image"), null, null, null);
    }

    /** The options a generation was made with (the prompt as written; explicit parameters as used). */
    static ImagineOptions optionsOf(Generation g) {
        return new ImagineOptions(g.asked().originalPrompt(), g.asked().aspectRatio(), g.asked().template(),
                g.asked().autoEnhance(), g.asked().count(),
                g.asked().negativePrompt(), g.asked().model(), g.asked().seed(), false);
    }

    private static Long givenSeed(Generation g) {
        Map<String, Object> asGiven = g.asked().requestAsGiven();
        return asGiven != null && asGiven.get("seed") instanceof Number n ? n.longValue() : null;
    }

    /** A quota refusal from inside the storing transaction: rolls it back, carries the answer out. */
    private static final class QuotaExceeded extends RuntimeException {
        private final QuotaDecision.Denied denied;

        QuotaExceeded(QuotaDecision.Denied denied) {
            super(denied.limit(), null, false, false);
            this.denied = denied;
        }
    }
}
