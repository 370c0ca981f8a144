package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** One worker and a simulated provider latency: cancellation and fairness between teams. */
@TestPropertySource(properties = {
        "atelier.providers.local.latency=700ms",
        "atelier.generation.in-flight-limits.local=1",
        "atelier.data-dir=${atelier.test-root}/slow"
})
class SlowGenerationTest extends AppTestSupport {

    private static long credits(ApiClient admin, String teamName) {
        for (JsonNode team : admin.get("/api/v1/admin/teams").json().get("data")) {
            if (team.get("name").stringValue().equals(teamName)) {
                return team.get("credits").longValue();
            }
        }
        throw new AssertionError("no team " + teamName);
    }

    @Test
    void cancelInterruptsARunningGenerationAndRefunds() {
        ApiClient api = newTeam("canceler-running", 100);
        String id = api.post("/api/v1/generations", Map.of("prompt", "slow one", "count", 2)).json().at("/data/id").stringValue();
        pollGeneration(api, id, g -> g.get("status").stringValue().equals("processing"), Duration.ofSeconds(30));
        assertThat(credits(admin(), "canceler-running")).isEqualTo(98);

        ApiClient.Response canceled = api.post("/api/v1/generations/" + id + "/cancel", Map.of());
        assertThat(canceled.status()).isEqualTo(200);
        assertThat(canceled.json().at("/data/status").stringValue()).isEqualTo("canceled");
        assertThat(credits(admin(), "canceler-running")).isEqualTo(100);

        // Well past the latency: it stayed canceled and produced no images.
        sleep(1500);
        JsonNode after = api.get("/api/v1/generations/" + id).json().get("data");
        assertThat(after.get("status").stringValue()).isEqualTo("canceled");
        assertThat(after.get("outputImages")).isEmpty();
        assertThat(credits(admin(), "canceler-running")).isEqualTo(100);
    }

    @Test
    void cancelStopsAQueuedGenerationBeforeItStarts() {
        ApiClient api = newTeam("canceler-queued", 100);
        String first = api.post("/api/v1/generations", Map.of("prompt", "first")).json().at("/data/id").stringValue();
        String second = api.post("/api/v1/generations", Map.of("prompt", "second")).json().at("/data/id").stringValue();
        JsonNode canceled = api.post("/api/v1/generations/" + second + "/cancel", Map.of()).json().get("data");
        assertThat(canceled.get("status").stringValue()).isEqualTo("canceled");

        pollGeneration(api, first, g -> g.get("status").stringValue().equals("success"), Duration.ofSeconds(30));
        sleep(1000);
        JsonNode after = api.get("/api/v1/generations/" + second).json().get("data");
        assertThat(after.get("status").stringValue()).isEqualTo("canceled");
        assertThat(after.get("attempts").intValue()).isZero();
        assertThat(after.get("startedAt").isNull()).isTrue();
        assertThat(credits(admin(), "canceler-queued")).isEqualTo(99);
    }

    @Test
    void oneTeamsBacklogDoesNotStarveAnotherTeam() {
        ApiClient busy = newTeam("busy", 1000);
        ApiClient other = newTeam("other", 1000);
        List<String> busyIds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            busyIds.add(busy.post("/api/v1/generations", Map.of("prompt", "backlog " + i)).json().at("/data/id").stringValue());
        }
        String single = other.post("/api/v1/generations", Map.of("prompt", "just one")).json().at("/data/id").stringValue();

        JsonNode singleDone = pollGeneration(other, single, g -> g.get("status").stringValue().equals("success"), Duration.ofSeconds(60));
        List<Instant> busyDone = new ArrayList<>();
        for (String id : busyIds) {
            JsonNode g = pollGeneration(busy, id, n -> n.get("status").stringValue().equals("success"), Duration.ofSeconds(60));
            busyDone.add(Instant.parse(g.get("completedAt").stringValue()));
        }
        busyDone.sort(Comparator.naturalOrder());
        Instant singleAt = Instant.parse(singleDone.get("completedAt").stringValue());
        // Submitted last, yet it overtakes most of the backlog: at most the running job and one
        // prefetched job of the busy team finish before it.
        long finishedBefore = busyDone.stream().filter(t -> t.isBefore(singleAt)).count();
        assertThat(finishedBefore).isLessThanOrEqualTo(2);
    }
}
