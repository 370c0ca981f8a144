package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.core.account.Caller;
import io.atelier.core.generation.GenerationService;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAI dialect under a per-key rate limit: OpenAI's 429 {@code rate_limit_exceeded} with
 * {@code Retry-After} and {@code X-RateLimit-*} kept, and never a 429 for a request whose images
 * were made. Same properties as {@link RateLimitTest}, so both share one application.
 */
@TestPropertySource(properties = {
        "atelier.rate-limit.per-key=3",
        "atelier.data-dir=${atelier.test-root}/rate-limit"
})
class OpenAiRateLimitTest extends AppTestSupport {

    @Autowired
    GenerationService generations;

    @Test
    void overTheLimitIsOpenAisRateLimitErrorAndNoMadeImageIsRefused() {
        JsonNode created = admin().post("/api/v1/admin/teams", Map.of("name", "limited-" + UUID.randomUUID(), "credits", 100))
                .json().get("data");
        OpenAiHttp api = new OpenAiHttp(port, created.get("apiKey").stringValue());
        int answered = 0;
        ApiClient.Response limited = null;
        for (int i = 0; i < 5 && limited == null; i++) {
            ApiClient.Response r = api.postJson("/v1/images/generations", "{\"prompt\":\"request " + i + "\"}");
            assertThat(r.header("X-RateLimit-Limit")).isEqualTo("3");
            if (r.status() == 429) {
                limited = r;
            } else {
                assertThat(r.status()).as(new String(r.bytes())).isEqualTo(200);
                assertThat(r.json().at("/data/0/url").stringValue()).contains("/files/");
                assertThat(r.header("Retry-After")).isNull();
                answered++;
            }
        }
        assertThat(limited).as("the limit of 3 requests a minute is reached within 5 requests").isNotNull();
        assertThat(answered).isBetween(2, 3);
        JsonNode error = limited.json().get("error");
        assertThat(error.get("type").stringValue()).isEqualTo("requests");
        assertThat(error.get("code").stringValue()).isEqualTo("rate_limit_exceeded");
        assertThat(error.get("param").isNull()).isTrue();
        assertThat(error.get("message").stringValue()).contains("Rate limit reached");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(limited.header("X-RateLimit-Reset")).isNotBlank();
        assertThat(api.get("/v1/models").status()).isEqualTo(429);

        // Every generation made was answered with its images: none hides behind a 429.
        Caller team = new Caller(created.at("/team/id").stringValue(), "test", false);
        assertThat(generations.list(team, null, 100, 0).total()).isEqualTo(answered);
    }
}
