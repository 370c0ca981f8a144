package io.atelier.core.provider.replicate;

import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.replicate.internal.Prediction;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prediction's progress as Replicate shows it: its status, and the last tqdm line a diffusion
 * model's sampler writes to its logs ({@code 50%|█████     | 25/50 [00:05<00:05, 4.9it/s]}).
 */
final class ReplicateProgress {

    /** A tqdm progress line: {@code 50%|█████     | 25/50 [00:05<00:05, 4.9it/s]}. */
    private static final Pattern TQDM = Pattern.compile(
            "(\\d{1,3})%\\|[^|\\n]*\\|\\s*(\\d+)/(\\d+)(?:\\s*\\[[0-9:]+<([0-9:]+))?");

    private ReplicateProgress() {
    }

    /** Progress from the status and the last sampler line of the logs. */
    static void report(Prediction prediction, ProviderContext context) {
        if ("starting".equals(prediction.status())) {
            context.progress(ProviderContext.Progress.percent(0, "starting on Replicate"));
            return;
        }
        Optional<ProviderContext.Progress> fromLogs = progressFromLogs(prediction.logs());
        context.progress(fromLogs.orElse(ProviderContext.Progress.percent(0, "processing on Replicate")));
    }

    /** The last tqdm line of the logs as progress; empty when there is none. */
    static Optional<ProviderContext.Progress> progressFromLogs(String logs) {
        if (logs == null || logs.isEmpty()) {
            return Optional.empty();
        }
        // Only the tail matters, and tqdm redraws with \r: look at the last few KB.
        String tail = logs.length() > 4096 ? logs.substring(logs.length() - 4096) : logs;
        Matcher m = TQDM.matcher(tail.replace('\r', '\n'));
        Matcher last = null;
        int percent = 0;
        int step = 0;
        int total = 0;
        String eta = null;
        while (m.find()) {
            last = m;
            percent = Integer.parseInt(m.group(1));
            step = Integer.parseInt(m.group(2));
            total = Integer.parseInt(m.group(3));
            eta = m.group(4);
        }
        if (last == null) {
            return Optional.empty();
        }
        if (total > 0) {
            percent = (int) Math.min(100, (long) step * 100 / total);
        }
        Duration left = parseClock(eta);
        // The message repeats step and ETA: the generation keeps percent and message, so this is what API readers see.
        String message = "sampling step " + step + " of " + total
                + (left == null ? "" : ", about " + (left.toSeconds() < 60 ? left.toSeconds() + " s"
                        : left.toMinutes() + " min " + left.toSecondsPart() + " s") + " left");
        return Optional.of(new ProviderContext.Progress(percent, step, total, left, message));
    }

    /** tqdm's {@code MM:SS} or {@code H:MM:SS}; null when absent or unreadable. */
    static Duration parseClock(String clock) {
        if (clock == null) {
            return null;
        }
        String[] parts = clock.split(":");
        long seconds = 0;
        try {
            for (String part : parts) {
                seconds = seconds * 60 + Long.parseLong(part);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return Duration.ofSeconds(seconds);
    }
}
