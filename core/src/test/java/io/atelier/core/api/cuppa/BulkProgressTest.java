package io.atelier.core.api.cuppa;

import static io.atelier.core.generation.GenerationStatus.CANCELED;
import static io.atelier.core.generation.GenerationStatus.FAILED;
import static io.atelier.core.generation.GenerationStatus.PROCESSING;
import static io.atelier.core.generation.GenerationStatus.QUEUED;
import static io.atelier.core.generation.GenerationStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.core.generation.GenerationStatus;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request status Cuppa's clients poll, from its articles' generations. */
class BulkProgressTest {

    private static String overall(boolean canceled, GenerationStatus... statuses) {
        return BulkProgress.overall(canceled, BulkProgress.count(Arrays.asList(statuses)));
    }

    @Test
    void aggregates() {
        assertThat(overall(false, QUEUED, QUEUED)).isEqualTo("waiting");
        assertThat(overall(false, PROCESSING, QUEUED)).isEqualTo("processing");
        assertThat(overall(false, SUCCEEDED, QUEUED)).isEqualTo("processing");
        assertThat(overall(false, SUCCEEDED, FAILED)).isEqualTo("completed");
        assertThat(overall(false, FAILED, null)).isEqualTo("failed");
        assertThat(overall(false, CANCELED, CANCELED)).isEqualTo("canceled");
        assertThat(overall(false, CANCELED, FAILED)).isEqualTo("failed");
        assertThat(overall(true, SUCCEEDED, CANCELED)).isEqualTo("canceled");
    }

    @Test
    void countsPerArticle() {
        BulkProgress.Counts counts = BulkProgress.count(Arrays.asList(SUCCEEDED, SUCCEEDED, FAILED, null, CANCELED, QUEUED,
                PROCESSING));
        assertThat(counts).isEqualTo(new BulkProgress.Counts(1, 1, 2, 2, 1));
        assertThat(List.of(QUEUED, PROCESSING, SUCCEEDED, FAILED, CANCELED).stream().map(BulkProgress::article))
                .containsExactly("waiting", "processing", "completed", "failed", "canceled");
    }
}
