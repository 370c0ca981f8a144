package io.atelier.core.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

class SafeFetchPropertiesTest {

    @Test
    void defaultsWhenNothingIsSet() {
        FetchProperties properties = bind(Map.of("atelier.other", "x"));

        assertThat(properties).isEqualTo(FetchProperties.defaults());
        assertThat(properties.maxBytes()).isEqualTo(DataSize.ofMegabytes(25));
        assertThat(properties.maxRedirects()).isEqualTo(3);
        assertThat(properties.allowLoopback()).isFalse();
        assertThat(properties.allowedHosts()).isEmpty();
    }

    @Test
    void bindsRelaxedNamesDurationsSizesAndLists() {
        FetchProperties properties = bind(Map.of(
                "atelier.fetch.max-bytes", "10MB",
                "atelier.fetch.connect-timeout", "750ms",
                "atelier.fetch.read-timeout", "3s",
                "atelier.fetch.timeout", "1m",
                "atelier.fetch.max-redirects", "0",
                "atelier.fetch.allow-loopback", "true",
                "atelier.fetch.allowed-hosts", "Images.Example.com, *.cdn.test"));

        assertThat(properties.maxBytes()).isEqualTo(DataSize.ofMegabytes(10));
        assertThat(properties.connectTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(properties.timeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(properties.maxRedirects()).isZero();
        assertThat(properties.allowLoopback()).isTrue();
        assertThat(properties.allowedHosts()).isEqualTo(List.of("images.example.com", "*.cdn.test"));
    }

    @Test
    void invalidValuesFailTheBinding() {
        assertThatThrownBy(() -> bind(Map.of("atelier.fetch.max-redirects", "4"))).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind(Map.of("atelier.fetch.read-timeout", "0s"))).isInstanceOf(BindException.class);
    }

    @Test
    void springWiresTheFetcherWithAHostResolverBeanWhenThereIsOne() {
        List<String> lookups = new CopyOnWriteArrayList<>();
        HostResolver recording = host -> {
            lookups.add(host);
            return HostResolver.system().resolve(host);
        };
        new ApplicationContextRunner()
                .withUserConfiguration(FetchPropertiesConfiguration.class, SafeHttpFetcher.class)
                .withBean(HostResolver.class, () -> recording)
                .run(context -> {
                    // An address literal: no DNS query, and refused before any connection.
                    FetchException e = catchThrowableOfType(FetchException.class,
                            () -> context.getBean(SafeHttpFetcher.class).fetchImage(URI.create("http://10.0.0.5/a.png")));
                    assertThat(e.code()).isEqualTo(FetchException.Code.URL_NOT_ALLOWED);
                    assertThat(lookups).containsExactly("10.0.0.5");
                });
    }

    @EnableConfigurationProperties(FetchProperties.class)
    static class FetchPropertiesConfiguration {
    }

    private static FetchProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("atelier.fetch", FetchProperties.class);
    }
}
