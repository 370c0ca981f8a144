package io.atelier.core.provider.automatic1111;

import java.time.Duration;
import java.util.List;

import io.atelier.core.provider.ImageProvider;

/** Builds the (package-private) AUTOMATIC1111 provider for tests of other packages. */
public final class Automatic1111TestSupport {

    private Automatic1111TestSupport() {
    }

    /** A provider for {@code automatic1111/default} at {@code baseUrl}, with the given read timeout. */
    public static ImageProvider provider(String baseUrl, Duration readTimeout) {
        return new Automatic1111ImageProvider(Automatic1111ImageProviderTest.properties(baseUrl, null, List.of(), readTimeout));
    }

    /** The JSON of a txt2img answer with {@code count} PNGs. */
    public static String imagesJson(int count, int width, int height) {
        return Automatic1111ImageProviderTest.imagesJson(count, width, height);
    }
}
