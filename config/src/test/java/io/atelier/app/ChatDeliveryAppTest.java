package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.bot.chat.ChatAccounts;
import io.atelier.bot.chat.ChatDeliveries;
import io.atelier.bot.chat.ChatDelivery;
import io.atelier.bot.chat.ChatDeliveryChannel;
import io.atelier.bot.chat.ChatImagine;
import io.atelier.bot.chat.ChatPlatform;
import io.atelier.bot.chat.ChatUser;
import io.atelier.bot.chat.ChatView;
import io.atelier.bot.chat.DeliveryOutcome;
import io.atelier.bot.chat.DeliveryTarget;
import io.atelier.bot.chat.ImagineOptions;
import io.atelier.bot.chat.ImagineOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The shared chat layer in the running application: an {@code /imagine} through {@link ChatImagine}
 * with a recording delivery channel sees the pending state, progress and the result delivered by
 * the chat-delivery job, and the delivery ends DONE. Concurrent {@code /imagine} of one user through
 * the real GenerationService never pass the daily quota, and the refused ones cost nothing.
 */
@TestPropertySource(properties = {
        "atelier.data-dir=${atelier.test-root}/chat-delivery",
        "atelier.providers.local.latency=600ms",
        "atelier.chat.delivery.progress-interval=100ms",
        "atelier.chat.quota.roles.three-a-day.concurrent=0",
        "atelier.chat.quota.roles.three-a-day.daily=3"
})
class ChatDeliveryAppTest extends AppTestSupport {

    @TestConfiguration
    static class RecordingChannel {
        @Bean
        Recorder recorder() {
            return new Recorder();
        }
    }

    static class Recorder implements ChatDeliveryChannel {
        final List<ChatView> views = new CopyOnWriteArrayList<>();
        final List<DeliveryTarget> targets = new CopyOnWriteArrayList<>();

        @Override
        public ChatPlatform platform() {
            return ChatPlatform.SLACK;
        }

        @Override
        public DeliveryOutcome deliver(ChatDelivery delivery, ChatView view) {
            views.add(view);
            targets.add(delivery.target());
            return new DeliveryOutcome.Delivered(Map.of("ts", "1700000000." + views.size()));
        }
    }

    @Autowired
    ChatImagine imagine;
    @Autowired
    ChatDeliveries deliveries;
    @Autowired
    Recorder recorder;
    @Autowired
    ChatAccounts accounts;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aChatJobIsDeliveredFromPendingToResult() {
        ChatUser user = new ChatUser(ChatPlatform.SLACK, "T-app", "U-app", "dana");
        ImagineOutcome outcome = imagine.submit(user, ImagineOptions.ofPrompt("a lighthouse at dusk --ar 16:9"),
                new DeliveryTarget("C1", Map.of("ts", "1700000000.0")));

        assertThat(outcome).isInstanceOf(ImagineOutcome.Accepted.class);
        ImagineOutcome.Accepted accepted = (ImagineOutcome.Accepted) outcome;
        assertThat(accepted.generation().asked().aspectRatio()).isEqualTo("16:9");
        assertThat(accepted.caller().keyId()).isEqualTo("slack:T-app:U-app");

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (deliveries.find(accepted.deliveryId()).orElseThrow().state() == ChatDelivery.State.ACTIVE
                && System.nanoTime() < deadline) {
            sleep(50);
        }
        ChatDelivery done = deliveries.find(accepted.deliveryId()).orElseThrow();
        assertThat(done.state()).isEqualTo(ChatDelivery.State.DONE);
        assertThat(done.lastView()).isEqualTo("result");
        ChatView last = recorder.views.getLast();
        assertThat(last).isInstanceOfSatisfying(ChatView.Result.class, r -> {
            assertThat(r.generationId()).isEqualTo(accepted.generation().id());
            assertThat(r.images()).hasSize(1);
            assertThat(r.caption()).contains("a lighthouse at dusk").contains("local/preview")
                    .contains(accepted.generation().id());
        });
        // Each view is shown once, and the channel's target updates are kept.
        assertThat(recorder.views.stream().map(ChatView::key).distinct().count()).isEqualTo(recorder.views.size());
        assertThat(done.target().get("ts")).isEqualTo("1700000000." + recorder.views.size());
    }

    @Test
    void concurrentImaginesOfOneUserNeverPassTheDailyQuotaAndTheRefusedCostNothing() throws Exception {
        ChatUser user = new ChatUser(ChatPlatform.SLACK, "T-quota", "U-quota", "erin", Set.of("three-a-day"), false);
        String team = accounts.callerFor(user).teamId();
        long creditsBefore = credits(team);
        Instant tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ImagineOutcome>> futures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return imagine.submit(user, ImagineOptions.ofPrompt("a kite over dunes"), null);
                }));
            }
            start.countDown();
            List<ImagineOutcome> outcomes = new ArrayList<>();
            for (Future<ImagineOutcome> f : futures) {
                outcomes.add(f.get(60, TimeUnit.SECONDS));
            }

            List<ImagineOutcome.Accepted> accepted = outcomes.stream().filter(ImagineOutcome.Accepted.class::isInstance)
                    .map(ImagineOutcome.Accepted.class::cast).toList();
            assertThat(accepted).hasSize(3);
            assertThat(outcomes).filteredOn(ImagineOutcome.Refused.class::isInstance).hasSize(threads - 3)
                    .allSatisfy(o -> {
                        ChatView.Failure f = ((ImagineOutcome.Refused) o).failure();
                        assertThat(f.code()).isEqualTo("QUOTA_USER_DAILY");
                        assertThat(f.retryAt()).isEqualTo(tomorrow);
                        assertThat(f.message()).contains("try again at " + tomorrow);
                    });
            // Only the accepted jobs exist and were charged: a refusal inside the storing
            // transaction rolled back its generation row and its charge.
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM generations WHERE team_id = ?", Long.class, team))
                    .isEqualTo(3);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM chat_jobs WHERE tenant_id = 'T-quota'", Long.class))
                    .isEqualTo(3);
            long charged = accepted.stream().mapToLong(a -> a.generation().billing().creditsCharged()).sum();
            assertThat(credits(team)).isEqualTo(creditsBefore - charged);
        } finally {
            pool.shutdownNow();
        }
    }

    private long credits(String team) {
        return jdbc.queryForObject("SELECT credits FROM teams WHERE id = ?", Long.class, team);
    }
}
