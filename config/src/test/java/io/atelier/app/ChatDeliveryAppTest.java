package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.bot.chat.ChatDeliveries;
import io.atelier.bot.chat.ChatDelivery;
import io.atelier.bot.chat.ChatDeliveryChannel;
import io.atelier.bot.chat.ChatPlatform;
import io.atelier.bot.chat.ChatUser;
import io.atelier.bot.chat.ChatView;
import io.atelier.bot.chat.DeliveryOutcome;
import io.atelier.bot.chat.DeliveryTarget;
import io.atelier.bot.chat.ImagineOptions;
import io.atelier.bot.chat.ImagineOutcome;
import io.atelier.bot.chat.ChatImagine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;

/**
 * The shared chat layer in the running application: an {@code /imagine} through {@link ChatImagine}
 * with a recording delivery channel sees the pending state, progress and the result delivered by
 * the chat-delivery job, and the delivery ends DONE.
 */
@TestPropertySource(properties = {
        "atelier.data-dir=${atelier.test-root}/chat-delivery",
        "atelier.providers.local.latency=600ms",
        "atelier.chat.delivery.progress-interval=100ms"
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

    @Test
    void aChatJobIsDeliveredFromPendingToResult() {
        ChatUser user = new ChatUser(ChatPlatform.SLACK, "T-app", "U-app", "dana");
        ImagineOutcome outcome = imagine.submit(user, ImagineOptions.ofPrompt("a lighthouse at dusk --ar 16:9"),
                new DeliveryTarget("C1", Map.of("ts", "1700000000.0")));

        assertThat(outcome).isInstanceOf(ImagineOutcome.Accepted.class);
        ImagineOutcome.Accepted accepted = (ImagineOutcome.Accepted) outcome;
        assertThat(accepted.generation().aspectRatio()).isEqualTo("16:9");
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
}
