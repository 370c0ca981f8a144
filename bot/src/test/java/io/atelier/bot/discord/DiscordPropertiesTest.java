package io.atelier.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Binding of {@code atelier.discord.*}: defaults and overrides. */
class DiscordPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DiscordProperties.class)
    static class PropertiesConfiguration {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesConfiguration.class);

    @Test
    void defaultsToHalfTheCoresOfWorkAndThirteenMinuteTokens() {
        runner.run(context -> {
            DiscordProperties properties = context.getBean(DiscordProperties.class);
            assertThat(properties.token()).isNull();
            assertThat(properties.apiBaseUrl()).isEqualTo("https://discord.com/api/v10/");
            assertThat(properties.workConcurrency()).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
            assertThat(properties.interactionTokenTtl()).isEqualTo(Duration.ofMinutes(13));
        });
    }

    @Test
    void bindsOverrides() {
        runner.withPropertyValues("atelier.discord.work-concurrency=3", "atelier.discord.api-base-url=http://127.0.0.1:9/api",
                "atelier.discord.interaction-token-ttl=10m", "atelier.discord.guilds=1,2").run(context -> {
            DiscordProperties properties = context.getBean(DiscordProperties.class);
            assertThat(properties.workConcurrency()).isEqualTo(3);
            assertThat(properties.apiBaseUrl()).isEqualTo("http://127.0.0.1:9/api/");
            assertThat(properties.interactionTokenTtl()).isEqualTo(Duration.ofMinutes(10));
            assertThat(properties.guilds()).containsExactly("1", "2");
        });
    }
}
