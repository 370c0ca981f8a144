package io.atelier.tools;

import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.generation.GenerationStatus;
import io.atelier.core.storage.StoredImage;
import io.atelier.tools.ToolResults.GenerationResult;
import io.atelier.tools.ToolResults.GenerationSummary;
import io.atelier.tools.ToolResults.ImageLink;
import java.util.List;
import java.util.Locale;

/** A generation as the tools show it: status, images (linked only through a trusted base), and what to do next. */
final class GenerationResults {

    private final GenerationService generations;
    private final ImageLinks links;

    GenerationResults(GenerationService generations, ImageLinks links) {
        this.generations = generations;
        this.links = links;
    }

    ImageLink link(StoredImage i) {
        return new ImageLink(i.id(), links.absoluteUrl(i).orElse(null), ImageLinks.resourceUri(i), i.mimeType(),
                i.width(), i.height());
    }

    GenerationResult result(Generation g) {
        List<ImageLink> images = g.outcome().images().stream().map(this::link).toList();
        String status = g.status().name().toLowerCase(Locale.ROOT);
        Long position = g.status() == GenerationStatus.QUEUED ? generations.queuePosition(g) : null;
        String next = switch (g.status()) {
            case QUEUED, PROCESSING -> "Still running (" + status + (position == null ? "" : ", " + position + " ahead")
                    + ", " + g.progress().percent() + "%). Call get_generation with id '" + g.id()
                    + "' in a few seconds.";
            case SUCCEEDED -> images.stream().allMatch(i -> i.url() != null)
                    ? "Done. Show the image URLs to the user."
                    : "Done. The images are attached to this result and readable as the resources listed in images.";
            case FAILED -> "It failed (" + g.outcome().errorMessage()
                    + "); the credits were refunded. Tell the user; retry only if it looks temporary.";
            case CANCELED -> "It was canceled; the credits were refunded.";
        };
        String error = g.status() == GenerationStatus.FAILED ? g.outcome().errorCode() + ": "
                + g.outcome().errorMessage() : null;
        Generation.Asked asked = g.asked();
        return new GenerationResult(g.id(), status, asked.prompt(), asked.originalPrompt(), asked.model(),
                asked.aspectRatio(), asked.width(), asked.height(), asked.count(), asked.seed(), asked.template(),
                g.progress().percent(), position, images, g.outcome().warnings(), error, next);
    }

    GenerationSummary summary(Generation g) {
        return new GenerationSummary(g.id(), g.status().name().toLowerCase(Locale.ROOT), g.asked().originalPrompt(),
                g.asked().model(),
                g.timing().createdAt().toString(), g.outcome().images().stream().map(this::link).toList());
    }
}
