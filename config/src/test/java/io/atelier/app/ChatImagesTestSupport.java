package io.atelier.app;

import io.atelier.testkit.discord.FakeDiscord;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * One running application with both bots on, for the chat image tests (issue 19): the Slack bot of
 * {@link SlackTestSupport} against its fake Web API, the Discord bot (real JDA) against a
 * {@link FakeDiscord}, a vision-capable chat model for {@code /describe} ({@link VisionChatModel}), the
 * real {@code local/preview} provider with its requests recorded ({@link RecordingLocalProvider}), and
 * AUTOMATIC1111 at a loopback fake ({@link FakeAutomatic1111}: live previews, and a job that fails).
 * Attachments are served on loopback, so the fetcher may fetch there. Prompt enhancement stays rule-based.
 * Subclasses share this one application.
 */
@TestPropertySource(properties = {
        "atelier.data-dir=${atelier.test-root}/chat-images",
        "atelier.discord.token=fake-bot-token",
        "atelier.worker.shutdown-grace=0s",
        "atelier.chat.delivery.progress-interval=200ms",
        "atelier.fetch.allow-loopback=true",
        "atelier.prompt.enhancement.use-llm=false",
        "atelier.chat.images.max-pixels=4000000",
        "atelier.default-model=local/preview",
        "atelier.providers.automatic1111.progress-interval=100ms",
        "atelier.resilience.providers.automatic1111.max-attempts=1",
        "atelier.previews.interval=100ms"
})
@Import(ChatImagesTestSupport.Beans.class)
abstract class ChatImagesTestSupport extends SlackTestSupport {

    static final FakeDiscord DISCORD = FakeDiscordHolder.start();
    static final FakeAutomatic1111 A1111 = new FakeAutomatic1111(1500);

    @TestConfiguration
    static class Beans {
        @Bean
        VisionChatModel visionChatModel() {
            return new VisionChatModel();
        }

        @Bean
        static BeanPostProcessor recordingLocalProvider() {
            return RecordingLocalProvider.wrapping();
        }
    }

    @DynamicPropertySource
    static void fakes(DynamicPropertyRegistry registry) {
        registry.add("atelier.discord.api-base-url", DISCORD::apiBaseUrl);
        registry.add("atelier.discord.gateway-url", DISCORD::gatewayUrl);
        registry.add("atelier.providers.automatic1111.base-url", A1111::baseUrl);
    }
}
