package io.atelier.core.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.core.provider.ImageProvider;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

class LocalPreviewPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(LocalProviderProperties.class)
    static class PropertiesConfiguration {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(PropertiesConfiguration.class, LocalPreviewProvider.class);

    @Test
    void bindsTheLatencyAndWiresTheProvider() {
        runner.withPropertyValues("atelier.providers.local.latency=250ms").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(LocalProviderProperties.class).latency()).isEqualTo(Duration.ofMillis(250));
            assertThat(context.getBeansOfType(ImageProvider.class)).hasSize(1);
            assertThat(context.getBean(ImageProvider.class).id()).isEqualTo("local");
        });
    }

    @Test
    void latencyDefaultsToZero() {
        runner.run(context -> assertThat(context.getBean(LocalProviderProperties.class).latency())
                .isEqualTo(Duration.ZERO));
    }

    @Test
    void negativeLatencyFailsAtStart() {
        runner.withPropertyValues("atelier.providers.local.latency=-1s")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void providerIsAComponentSoTheAppAlwaysHasIt() {
        assertThat(LocalPreviewProvider.class).hasAnnotation(Component.class);
    }
}
