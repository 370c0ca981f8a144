package io.atelier.tools;

import io.atelier.tools.ToolResults.GenerationResult;
import java.time.Duration;

/**
 * What a surface wants to hear while {@code generate_image} or {@code edit_image} waits for its
 * generation, passed with the caller in the invocation parameters
 * ({@link ToolCaller#parameters(io.atelier.core.account.Caller, io.atelier.core.generation.GenerationSource, ToolProgress)}).
 * The MCP server uses it to send {@code notifications/progress} and to find the generation a
 * cancelled request started.
 *
 * <p>Threading: called on the thread that runs the tool; implementations must not block for long.
 */
public interface ToolProgress {

    /** The generation this call created, before any waiting. */
    void submitted(String generationId);

    /** The generation while still running, about every {@link ToolWaits#STEP} and when it moves. */
    void waiting(GenerationResult running);

    /**
     * How long to wait when the caller gave no {@code wait_seconds}: a surface that keeps the
     * client's timeout alive with progress may wait past the usual bound; null = the usual bound.
     */
    default Duration defaultWait() {
        return null;
    }
}
