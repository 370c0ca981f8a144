package io.atelier.core.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void uuidsAreVersion7WithTheRfcVariantAndTheirTimestampFirst() {
        long before = System.currentTimeMillis();
        UUID id = UUID.fromString(Ids.uuid());
        long after = System.currentTimeMillis();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        long millis = id.getMostSignificantBits() >>> 16;
        assertThat(millis).isBetween(before, after);
    }

    @Test
    void uuidsMadeLaterSortLaterAndNeverRepeat() throws InterruptedException {
        List<String> ids = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 1000; j++) {
                String id = Ids.uuid();
                ids.add(id);
                distinct.add(id);
                assertThat(Ids.isUuid(id)).isTrue();
            }
            Thread.sleep(2);
        }
        assertThat(distinct).hasSize(ids.size());
        // Across milliseconds the text order is the creation order (within one, the random bits decide).
        assertThat(ids.get(999).substring(0, 13)).isLessThan(ids.get(1000).substring(0, 13));
        assertThat(ids.getFirst().compareTo(ids.getLast())).isNegative();
    }
}
