package io.atelier.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Issue 17: a limited body is never read past its limit; paths map to their dialect's error shape. */
class BodyLimitAndKeysTest {

    @Test
    void aLimitedBodyStopsOneBytePastTheLimitAndMarksTheRequest() throws Exception {
        MockHttpServletRequest raw = new MockHttpServletRequest("POST", "/api/v1/generations");
        raw.setContent(new byte[100_000]);
        LimitedBodyRequest limited = new LimitedBodyRequest(raw, 1024);
        InputStream in = limited.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        assertThatThrownBy(() -> {
            while (in.read(buffer) >= 0) {
                // read until refused
            }
        }).isInstanceOf(RequestBodyTooLargeException.class).hasMessageContaining("1 KiB");
        assertThat(raw.getAttribute(BodyLimitFilter.TOO_LARGE_ATTRIBUTE)).isEqualTo(1024L);
        // What was taken from the container: at most the limit and one byte.
        assertThat(100_000 - raw.getInputStream().available()).isLessThanOrEqualTo(1025);
    }

    @Test
    void everyPathHasItsDialect() {
        assertThat(ErrorDialect.ofPath("/v1/images/variations")).isEqualTo(ErrorDialect.OPENAI);
        assertThat(ErrorDialect.ofPath("/v1/images/bulk/x")).isEqualTo(ErrorDialect.CUPPA);
        assertThat(ErrorDialect.ofPath("/v1/images")).isEqualTo(ErrorDialect.CUPPA);
        assertThat(ErrorDialect.ofPath("/v0/x")).isEqualTo(ErrorDialect.PLAIN);
        assertThat(ErrorDialect.ofPath("/api/v1/x")).isEqualTo(ErrorDialect.NATIVE);
        assertThat(ErrorDialect.ofPath("/error")).isEqualTo(ErrorDialect.GENERIC);
        assertThat(ErrorDialect.OPENAI.body(413, "PAYLOAD_TOO_LARGE", "m").toString()).contains("payload_too_large");
    }

    @Test
    void aShortBootstrapKeyIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> io.atelier.core.account.BootstrapKeys.requireStrong("sixteen-chars-ok"))
                .hasMessageContaining("atelier.bootstrap-api-key").hasMessageContaining("at least 32");
        io.atelier.core.account.BootstrapKeys.requireStrong("x".repeat(32));
        io.atelier.core.account.BootstrapKeys.requireStrong(null);
    }
}
