package io.atelier.core.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import io.atelier.core.provider.RetryPolicy;

class ProviderSettingsTest {

    private static final ProviderConnection.Defaults HOSTED =
            ProviderConnection.Defaults.hosted("https://api.example/v1", Duration.ofSeconds(30), DataSize.ofMegabytes(8));
    private static final ProviderConnection.Defaults SELF_HOSTED =
            ProviderConnection.Defaults.selfHosted("http://127.0.0.1:7860", Duration.ofMinutes(10), DataSize.ofMegabytes(256));

    @Test
    void unsetConnectionSettingsTakeTheProvidersDefaults() {
        ProviderConnection hosted = ProviderConnection.of("atelier.providers.x", HOSTED, " ", null, null, null, null);
        assertThat(hosted).isEqualTo(new ProviderConnection("https://api.example/v1", null, Duration.ofSeconds(5),
                Duration.ofSeconds(30), DataSize.ofMegabytes(8)));
        ProviderConnection off = ProviderConnection.of("atelier.providers.y", SELF_HOSTED, null, " key ", null, null, null);
        assertThat(off.baseUrl()).as("an unset self-hosted address stays unset").isNull();
        assertThat(off.apiKey()).isEqualTo("key");
        assertThat(off.toString()).doesNotContain("key]").contains("apiKey=****");
    }

    @Test
    void invalidValuesNameTheirPropertyAndNeverRepeatTheUrl() {
        assertThatThrownBy(() -> ProviderConnection.of("atelier.providers.x", HOSTED, "https://user:secret@h/v1/", null,
                null, null, null))
                .hasMessageContaining("atelier.providers.x.base-url must be an http(s) URL").hasMessageNotContaining("secret")
                .hasMessageContaining("like https://api.example/v1");
        assertThatThrownBy(() -> ProviderConnection.of("atelier.providers.y", SELF_HOSTED, "ftp://h", null, null, null, null))
                .hasMessageContaining("atelier.providers.y.base-url").hasMessageContaining("like http://127.0.0.1:7860");
        assertThatThrownBy(() -> ProviderConnection.of("atelier.providers.x", HOSTED, null, null, Duration.ZERO, null, null))
                .hasMessage("atelier.providers.x.connect-timeout must be positive: PT0S");
        assertThatThrownBy(() -> ProviderSettings.retryPolicy("atelier.providers.x", 11, null, null, null))
                .hasMessage("atelier.providers.x.max-attempts must be 1-10: 11");
    }

    @Test
    void unsetRetriesAreTheDefaultPolicy() {
        assertThat(ProviderSettings.retryPolicy("atelier.providers.x", null, null, null, null)).isEqualTo(RetryPolicy.DEFAULT);
    }
}
