package io.atelier.core.provider.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which settings a provider ends up with: its own, then the defaults, then the built-in values. */
class ResiliencePropertiesTest {

    @Test
    void providersThatRetryInsideAreTriedOnceSoRetriesNeverMultiply() {
        ResilienceProperties properties = ResilienceBinding.bind("defaults.max-attempts=5");

        assertThat(properties.resolve("openai").maxAttempts()).isEqualTo(1);
        assertThat(properties.resolve("gemini").maxAttempts()).isEqualTo(1);
        assertThat(properties.resolve("stability").maxAttempts()).isEqualTo(1);
        assertThat(properties.resolve("replicate").maxAttempts()).isEqualTo(1);
        assertThat(properties.resolve("comfyui").maxAttempts()).isEqualTo(5);
    }

    @Test
    void builtInAttemptsAndAnExplicitProviderSettingWins() {
        assertThat(ResilienceBinding.bind().resolve("automatic1111").maxAttempts()).isEqualTo(3);
        assertThat(ResilienceBinding.bind().resolve("openai").maxAttempts()).isEqualTo(1);
        assertThat(ResilienceBinding.bind("providers.openai.max-attempts=2").resolve("openai").maxAttempts()).isEqualTo(2);
    }

    @Test
    void onlySelfHostedBackendsAreRetriedAfterTheyMayHaveStarted() {
        ResilienceProperties properties = ResilienceBinding.bind();

        assertThat(properties.resolve("local").retryAfterStart()).isTrue();
        assertThat(properties.resolve("automatic1111").retryAfterStart()).isTrue();
        assertThat(properties.resolve("replicate").retryAfterStart()).isFalse();
    }
}
