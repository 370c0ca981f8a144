package io.atelier.core.api.v1;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PreferWaitTest {

    @Test
    void readsTheWaitPreferenceOfRfc7240() {
        assertThat(NativeGenerationsController.waitSeconds(null)).isZero();
        assertThat(NativeGenerationsController.waitSeconds("wait=30")).isEqualTo(30);
        assertThat(NativeGenerationsController.waitSeconds("respond-async, wait=10")).isEqualTo(10);
        assertThat(NativeGenerationsController.waitSeconds("return=representation; wait=5")).isEqualTo(5);
        assertThat(NativeGenerationsController.waitSeconds("WAIT = 7")).isEqualTo(7);
        assertThat(NativeGenerationsController.waitSeconds("wait=\"12\"")).isEqualTo(12);
        assertThat(NativeGenerationsController.waitSeconds("wait=99999")).isEqualTo(NativeGenerationsController.MAX_WAIT_SECONDS);
        assertThat(NativeGenerationsController.waitSeconds("handling=lenient")).isZero();
        assertThat(NativeGenerationsController.waitSeconds("nowait=3")).isZero();
    }
}
