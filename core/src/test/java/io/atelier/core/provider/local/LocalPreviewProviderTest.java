package io.atelier.core.provider.local;

import static io.atelier.core.provider.local.PreviewFixtures.decode;
import static io.atelier.core.provider.local.PreviewFixtures.png;
import static io.atelier.core.provider.local.PreviewFixtures.provider;
import static io.atelier.core.provider.local.PreviewFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.core.provider.AspectRatio;
import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ModelCapabilities;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderResult;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalPreviewProviderTest {

    private static final ImageSize SQUARE = new ImageSize(256, 256);

    private final LocalPreviewProvider provider = provider();

    @Test
    void servesTheLocalPreviewModelWithItsCapabilities() {
        assertThat(provider.id()).isEqualTo("local");
        assertThat(provider.models()).singleElement().satisfies(model -> {
            assertThat(model.id()).isEqualTo("local/preview");
            assertThat(model.provider()).isEqualTo("local");
            assertThat(model.name()).isEqualTo("preview");
            assertThat(model.promptLimit()).isEqualTo(4000);
            assertThat(model.creditCost()).isEqualTo(1);
            ModelCapabilities capabilities = model.capabilities();
            assertThat(capabilities.anySize()).isTrue();
            assertThat(capabilities.maxPixelSide()).isEqualTo(4096);
            assertThat(capabilities.maxCount()).isEqualTo(10);
            assertThat(capabilities.edits()).isTrue();
            assertThat(capabilities.masks()).isTrue();
            assertThat(capabilities.negativePrompt()).isTrue();
            assertThat(capabilities.seed()).isTrue();
            assertThat(capabilities.transparentBackground()).isTrue();
        });
    }

    @Test
    void sameInputsGiveByteIdenticalPngs() throws ProviderException {
        ProviderRequest request = request("a fox in the snow at dawn", "trees", new ImageSize(320, 200), 3, 99, null);

        ProviderResult first = provider.generate(request, ProviderContext.detached());
        ProviderResult second = provider().generate(request, ProviderContext.detached());

        assertThat(first.images()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(second.images().get(i).bytes()).isEqualTo(first.images().get(i).bytes());
        }
        assertThat(second.providerRequestId()).isEqualTo(first.providerRequestId()).startsWith("local-");
    }

    @Test
    void differentSeedsGiveDifferentPictures() throws ProviderException {
        byte[] one = png(provider, request("sunset over the mountains", SQUARE, 1));
        byte[] two = png(provider, request("sunset over the mountains", SQUARE, 2));

        assertThat(two).isNotEqualTo(one);
    }

    @Test
    void differentPromptsGiveDifferentPictures() throws ProviderException {
        byte[] sunset = png(provider, request("sunset over the mountains", SQUARE, 7));
        byte[] city = png(provider, request("cyberpunk city at night", SQUARE, 7));
        byte[] plain = png(provider, request("a cat wearing a hat", SQUARE, 7));

        assertThat(Set.of(ByteBuffer.wrap(sunset), ByteBuffer.wrap(city), ByteBuffer.wrap(plain))).hasSize(3);
    }

    @Test
    void negativePromptChangesThePicture() throws ProviderException {
        String prompt = "red sunset over the mountains and the sea";
        byte[] plain = png(provider, request(prompt, SQUARE, 5));
        byte[] noMountains = png(provider, request(prompt, "mountains", SQUARE, 1, 5, null));
        byte[] noRed = png(provider, request(prompt, "red", SQUARE, 1, 5, null));

        assertThat(noMountains).isNotEqualTo(plain);
        assertThat(noRed).isNotEqualTo(plain).isNotEqualTo(noMountains);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1:1", "16:9", "9:16", "21:9", "1:4", "4:1", "3:2"})
    void rendersExactlyTheRequestedSizeForAspectRatios(String ratio) throws ProviderException {
        ImageSize size = AspectRatio.parse(ratio).orElseThrow().sizeForLongSide(512);

        ProviderResult result = provider.generate(request("misty valley at sunrise", size, 3),
                ProviderContext.detached());

        ProviderResult.GeneratedImage image = result.images().getFirst();
        BufferedImage decoded = decode(image.bytes());
        assertThat(image.mimeType()).isEqualTo("image/png");
        assertThat(image.width()).isEqualTo(size.width());
        assertThat(image.height()).isEqualTo(size.height());
        assertThat(image.revisedPrompt()).isNull();
        assertThat(decoded.getWidth()).isEqualTo(size.width());
        assertThat(decoded.getHeight()).isEqualTo(size.height());
    }

    @Test
    void twentyOneByNineAndOneByFourAtFullResolution() throws ProviderException {
        for (ImageSize size : new ImageSize[] {new ImageSize(1029, 441), new ImageSize(256, 1024),
                new ImageSize(4096, 1024)}) {
            BufferedImage decoded = decode(png(provider, request("ocean at night", size, 11)));
            assertThat(decoded.getWidth()).isEqualTo(size.width());
            assertThat(decoded.getHeight()).isEqualTo(size.height());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1x1", "2x7", "17x3", "64x9", "5x300"})
    void tinySizesRenderToo(String text) throws ProviderException {
        ImageSize size = ImageSize.parse(text).orElseThrow();

        BufferedImage decoded = decode(png(provider, request("neon synthwave city with snow and stripes", size, 1)));

        assertThat(decoded.getWidth()).isEqualTo(size.width());
        assertThat(decoded.getHeight()).isEqualTo(size.height());
    }

    @Test
    void tenImagesOfOneRequestAreAllDifferent() throws ProviderException {
        ProviderResult result = provider.generate(request("abstract bokeh lights", null, new ImageSize(128, 128),
                10, 3, null), ProviderContext.detached());

        Set<ByteBuffer> distinct = new HashSet<>();
        result.images().forEach(image -> distinct.add(ByteBuffer.wrap(image.bytes())));
        assertThat(result.images()).hasSize(10);
        assertThat(distinct).hasSize(10);
    }

    @Test
    void transparentBackgroundHasAlphaAndOpaqueHasNone() throws ProviderException {
        String prompt = "sunset over the mountains";
        BufferedImage transparent = decode(png(provider, request(prompt, null, SQUARE, 1, 4, "transparent")));
        BufferedImage opaque = decode(png(provider, request(prompt, null, SQUARE, 1, 4, "opaque")));

        assertThat(transparent.getColorModel().hasAlpha()).isTrue();
        int[] argb = PreviewFixtures.pixels(transparent);
        assertThat(Arrays.stream(argb).anyMatch(p -> p >>> 24 == 0)).isTrue();
        assertThat(Arrays.stream(argb).anyMatch(p -> p >>> 24 == 0xFF)).isTrue();
        assertThat(opaque.getColorModel().hasAlpha()).isFalse();
    }

    @Test
    void everyElementRendersAtOddSizesOnBothBackgrounds() {
        Scene everything = new Scene(1, Theme.NEON, Archetype.LANDSCAPE, Theme.NEON.palette(),
                Set.of(Element.values()), false, List.of(300.0));
        for (ImageSize size : new ImageSize[] {new ImageSize(1, 1), new ImageSize(3, 97), new ImageSize(301, 77),
                new ImageSize(640, 480)}) {
            for (boolean transparent : new boolean[] {false, true}) {
                Canvas canvas = PreviewRenderer.render(everything, size.width(), size.height(), 8, transparent,
                        "local/preview: everything");
                assertThat(canvas.pixels).hasSize(size.width() * size.height());
                for (int pixel : canvas.pixels) {
                    int a = pixel >>> 24;
                    assertThat(Math.max((pixel >> 16) & 0xFF, Math.max((pixel >> 8) & 0xFF, pixel & 0xFF)))
                            .as("premultiplied: colour never exceeds alpha").isLessThanOrEqualTo(a);
                }
            }
        }
    }

    @Test
    void rejectsRequestsOutsideTheModelsLimits() {
        assertBadRequest(new ProviderRequest("dall-e-3", "x", null, SQUARE, 1, 1, null, null, null, Map.of(), null));
        assertBadRequest(request("x", new ImageSize(4097, 100), 1));
        assertBadRequest(request("x", null, SQUARE, 11, 1, null));
        assertBadRequest(request("x".repeat(4001), SQUARE, 1));
        assertBadRequest(request("x", null, SQUARE, 1, 1, "purple"));
        assertBadRequest(new ProviderRequest("preview", "x", null, SQUARE, 1, 1, null, null,
                new ProviderRequest.SourceImage(new byte[] {1}, "image/png"), Map.of(), null));
    }

    @Test
    void acceptsPromptsAtTheLimitAndEmptyPrompts() throws ProviderException {
        assertThat(png(provider, request("x".repeat(4000), new ImageSize(32, 32), 1))).isNotEmpty();
        assertThat(png(provider, request("", new ImageSize(32, 32), 1))).isNotEmpty();
    }

    private void assertBadRequest(ProviderRequest request) {
        assertThatThrownBy(() -> provider.generate(request, ProviderContext.detached()))
                .isInstanceOfSatisfying(ProviderException.NonRetriable.class,
                        e -> assertThat(e.code()).isEqualTo("PROVIDER_BAD_REQUEST"));
    }

    @Test
    void descriptorIsWhatTheCatalogExpects() {
        ModelDescriptor model = provider.models().getFirst();
        assertThat(model.capabilities().supports(new ImageSize(4096, 4096))).isTrue();
        assertThat(model.capabilities().supports(new ImageSize(4097, 10))).isFalse();
        assertThat(model.description()).contains("not AI");
    }
}
