package io.atelier.bot.chat;

import io.atelier.core.account.InsufficientCreditsException;
import io.atelier.core.error.AtelierException;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationQueries;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.generation.QueueEstimate;
import io.atelier.core.prompt.PromptBlockedException;
import io.atelier.core.prompt.PromptCooldownException;
import io.atelier.core.preview.GenerationPreviews;
import io.atelier.core.provider.ModelCatalog;
import io.atelier.core.storage.StoredImage;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Decides what a chat message shows for a generation (or for a refusal), once for every platform.
 * Reads the queue position and an ETA (recent processing times of the model, cached briefly).
 */
@Component
public class ChatRenderer {

    private static final long ETA_CACHE_NANOS = Duration.ofSeconds(30).toNanos();

    private final GenerationService generations;
    private final GenerationQueries queries;
    private final GenerationPreviews previews;
    private final ModelCatalog catalog;
    private final Map<String, CachedAverage> averages = new ConcurrentHashMap<>();

    private record CachedAverage(Long millis, long at) {
    }

    @Autowired
    ChatRenderer(GenerationService generations, GenerationQueries queries, GenerationPreviews previews, ModelCatalog catalog) {
        this.generations = generations;
        this.queries = queries;
        this.previews = previews;
        this.catalog = catalog;
    }

    /** Without previews and catalog: every model offered variations (tests). */
    ChatRenderer(GenerationService generations, GenerationQueries queries) {
        this(generations, queries, null, null);
    }

    /** The view of a generation in its current state. */
    public ChatView view(Generation g) {
        return view(g, 0);
    }

    /**
     * The view of a generation; {@code focus} (1-based) shows only that image of a result, at its full
     * size, with a note saying why (its model has no upscaler); 0 shows the whole result.
     */
    public ChatView view(Generation g, int focus) {
        String original = g.asked().originalPrompt() != null && !g.asked().originalPrompt().equals(g.asked().prompt())
                ? g.asked().originalPrompt() : null;
        return switch (g.status()) {
            case QUEUED -> {
                // The engine knows the provider's lane: the position and when its turn comes. Where it
                // cannot tell (queued on another instance), the model's recent average stands in.
                QueueEstimate estimate = generations.queueEstimate(g);
                Duration eta = estimate.eta();
                if (eta == null) {
                    Long avg = averageMillis(g.asked().model());
                    eta = avg == null ? null : Duration.ofMillis(avg * (estimate.position() + 1));
                }
                yield new ChatView.Pending(g.id(), g.asked().prompt(), original, g.asked().model(), g.asked().count(),
                        estimate.position(), eta);
            }
            case PROCESSING -> new ChatView.Progress(g.id(), g.asked().prompt(), original, g.asked().model(),
                    g.progress().percent(), ProgressBar.text(g.progress().percent()), g.progress().message(),
                    preview(g));
            case SUCCEEDED -> result(g, original, focus);
            case FAILED -> new ChatView.Failure(ChatView.FailureKind.PROVIDER,
                    g.outcome().errorCode() == null ? "FAILED" : g.outcome().errorCode(),
                    g.outcome().errorMessage() == null ? "The generation failed." : g.outcome().errorMessage(), g.id(),
                    null, null, true);
            case CANCELED -> new ChatView.Failure(ChatView.FailureKind.CANCELED, "CANCELED", "The generation was canceled.",
                    g.id(), null, null, true);
        };
    }

    private ChatView.Result result(Generation g, String original, int focus) {
        List<StoredImage> images = g.outcome().images();
        String note = null;
        if (focus > 0) {
            StoredImage shown = images.stream().filter(i -> i.index() == focus - 1).findFirst().orElse(null);
            if (shown != null) {
                images = List.of(shown);
                note = "Image " + focus + " at its full size, " + shown.width() + "×" + shown.height() + ": "
                        + g.asked().model() + " has no upscaler.";
            }
        }
        boolean canVary = catalog == null
                || catalog.find(g.asked().model()).map(e -> e.model().capabilities().edits()).orElse(false);
        return new ChatView.Result(g.id(), g.asked().prompt(), original, g.asked().model(), g.asked().seed(),
                g.timing().processingTimeMs(), g.asked().aspectRatio(), images, g.outcome().warnings(), caption(g),
                g.asked().negativePrompt(), canVary, note);
    }

    private ChatView.PreviewImage preview(Generation g) {
        if (previews == null) {
            return null;
        }
        return previews.latest(g.id()).map(p -> new ChatView.PreviewImage(p.version(), p.bytes(), p.mimeType())).orElse(null);
    }

    /** Plain-text caption of a result: prompt, then model · seed · time · id. */
    public static String caption(Generation g) {
        StringBuilder s = new StringBuilder(g.asked().prompt());
        s.append('\n').append(g.asked().model()).append(" · seed ").append(g.asked().seed());
        if (g.timing().processingTimeMs() != null) {
            s.append(" · ").append(seconds(g.timing().processingTimeMs()));
        }
        s.append(" · id ").append(g.id());
        return s.toString();
    }

    /** {@code 1.2 s}. */
    public static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /**
     * The view of a refused {@code /imagine} (before a generation existed), or empty for an error
     * that is not the user's (a bug, the database): those propagate.
     *
     * @param retryGenerationId a generation whose Retry button led here, or null
     */
    public Optional<ChatView.Failure> refusal(RuntimeException e, String retryGenerationId) {
        ChatView.Failure f = switch (e) {
            case PromptBlockedException b -> new ChatView.Failure(ChatView.FailureKind.BLOCKED, b.code(),
                    "Your prompt was blocked: " + b.getMessage(), retryGenerationId, b.rule(), null, false);
            case PromptCooldownException c -> new ChatView.Failure(ChatView.FailureKind.COOLDOWN, c.code(),
                    "Too many blocked prompts. You can try again at " + c.until() + ".", retryGenerationId, null,
                    c.until(), false);
            case InsufficientCreditsException c -> new ChatView.Failure(ChatView.FailureKind.CREDITS, "INSUFFICIENT_CREDITS",
                    "This server's team is out of credits (needs " + c.required() + ", has " + c.available() + ").",
                    retryGenerationId, null, null, false);
            // Any other refusal that is the user's (a 4xx kind: bad input, unknown template, upload refused).
            case AtelierException refusal when refusal.errorKind().status() < 500 -> new ChatView.Failure(
                    ChatView.FailureKind.INVALID, refusal.code(), refusal.getMessage(), retryGenerationId, null, null, false);
            default -> null;
        };
        return Optional.ofNullable(f);
    }

    /** The view of a quota refusal. */
    public static ChatView.Failure quota(QuotaDecision.Denied denied) {
        String when = denied.retryAt() == null ? "" : " You can try again at " + denied.retryAt() + ".";
        return new ChatView.Failure(ChatView.FailureKind.QUOTA, "QUOTA_" + denied.limit().toUpperCase(Locale.ROOT)
                .replace('-', '_'), denied.message() + when, null, null, denied.retryAt(), false);
    }

    private Long averageMillis(String model) {
        long now = System.nanoTime();
        CachedAverage cached = averages.get(model);
        if (cached != null && now - cached.at() < ETA_CACHE_NANOS) {
            return cached.millis();
        }
        Long avg = queries.averageProcessingMillis(model, 20).orElse(null);
        averages.put(model, new CachedAverage(avg, now));
        return avg;
    }
}
