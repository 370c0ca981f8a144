package io.atelier.core.api.cuppa;

import io.atelier.core.generation.GenerationStatus;
import java.util.List;

/**
 * Cuppa's bulk vocabulary over generation states. Per article: {@code waiting} (queued),
 * {@code processing}, {@code completed}, {@code failed}, {@code canceled}; a generation deleted
 * since (through another API) counts as {@code failed}.
 *
 * <p>The request as a whole: {@code canceled} once the client canceled it; else {@code waiting}
 * while no article has started, {@code processing} while any article is waiting or running;
 * when all have ended, {@code completed} if at least one image was made, {@code failed} if none
 * was and some failed, {@code canceled} if every generation was canceled (one by one, through
 * another API).
 */
final class BulkProgress {

    static final String WAITING = "waiting";
    static final String PROCESSING = "processing";
    static final String COMPLETED = "completed";
    static final String FAILED = "failed";
    static final String CANCELED = "canceled";

    private BulkProgress() {
    }

    /** Counts per article status. */
    record Counts(int waiting, int processing, int completed, int failed, int canceled) {
    }

    /** An article's status; {@code null} = its generation no longer exists. */
    static String article(GenerationStatus status) {
        if (status == null) {
            return FAILED;
        }
        return switch (status) {
            case QUEUED -> WAITING;
            case PROCESSING -> PROCESSING;
            case SUCCEEDED -> COMPLETED;
            case FAILED -> FAILED;
            case CANCELED -> CANCELED;
        };
    }

    static Counts count(List<GenerationStatus> statuses) {
        int waiting = 0;
        int processing = 0;
        int completed = 0;
        int failed = 0;
        int canceled = 0;
        for (GenerationStatus status : statuses) {
            switch (article(status)) {
                case WAITING -> waiting++;
                case PROCESSING -> processing++;
                case COMPLETED -> completed++;
                case CANCELED -> canceled++;
                default -> failed++;
            }
        }
        return new Counts(waiting, processing, completed, failed, canceled);
    }

    static String overall(boolean canceledByClient, Counts counts) {
        if (canceledByClient) {
            return CANCELED;
        }
        if (counts.waiting() + counts.processing() > 0) {
            return counts.processing() + counts.completed() + counts.failed() + counts.canceled() == 0 ? WAITING : PROCESSING;
        }
        if (counts.completed() > 0) {
            return COMPLETED;
        }
        return counts.failed() > 0 ? FAILED : CANCELED;
    }
}
