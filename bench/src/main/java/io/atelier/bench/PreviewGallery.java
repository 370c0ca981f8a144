package io.atelier.bench;

import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderResult;
import io.atelier.core.provider.local.LocalPreviewProvider;
import io.atelier.core.provider.local.LocalProviderProperties;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Writes a sample of {@code local/preview} pictures (the benchmark's prompts, a few sizes and
 * backgrounds) as PNG files, so a person can look at what the benchmark measures. Not a benchmark.
 * Also writes {@code contact-sheet.png}: the square pictures, scaled down, on one page.
 * Argument: output folder (default {@code results/gallery}, relative to the working directory).
 */
public final class PreviewGallery {

    private PreviewGallery() {
    }

    public static void main(String[] args) throws IOException, ProviderException {
        Path folder = Path.of(args.length > 0 ? args[0] : "results/gallery");
        Files.createDirectories(folder);
        LocalPreviewProvider provider = new LocalPreviewProvider(LocalProviderProperties.defaults());
        List<String> prompts = RenderBenchmark.PROMPTS;
        int columns = 6;
        int cell = 256;
        BufferedImage sheet = new BufferedImage(columns * cell, (prompts.size() + columns - 1) / columns * cell,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = sheet.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        for (int i = 0; i < prompts.size(); i++) {
            byte[] png = write(provider, folder, String.format("%02d-square", i), prompts.get(i),
                    new ImageSize(768, 768), null, 7);
            BufferedImage picture = ImageIO.read(new ByteArrayInputStream(png));
            graphics.drawImage(picture, i % columns * cell, i / columns * cell, cell, cell, null);
        }
        graphics.dispose();
        ImageIO.write(sheet, "png", folder.resolve("contact-sheet.png").toFile());
        write(provider, folder, "wide-21x9", prompts.get(1), new ImageSize(1029, 441), null, 7);
        write(provider, folder, "tall-1x4", prompts.get(3), new ImageSize(256, 1024), null, 7);
        write(provider, folder, "transparent", prompts.get(6), new ImageSize(512, 512), "transparent", 7);
        write(provider, folder, "transparent-landscape", prompts.get(1), new ImageSize(512, 512), "transparent", 7);
        writeEdit(provider, folder);
        System.out.println("wrote " + (prompts.size() + 6) + " pictures to " + folder.toAbsolutePath());
    }

    /** An edit: the wide picture as source, repainted as a neon scene where the mask's left half is transparent. */
    private static void writeEdit(LocalPreviewProvider provider, Path folder) throws IOException, ProviderException {
        byte[] source = Files.readAllBytes(folder.resolve("wide-21x9.png"));
        BufferedImage mask = new BufferedImage(1029, 441, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < mask.getHeight(); y++) {
            for (int x = 0; x < mask.getWidth(); x++) {
                mask.setRGB(x, y, x < mask.getWidth() / 2 ? 0x00000000 : 0xFF000000);
            }
        }
        Path maskFile = folder.resolve("edit-mask.png");
        ImageIO.write(mask, "png", maskFile.toFile());
        ProviderRequest request = new ProviderRequest(LocalPreviewProvider.MODEL_NAME, "neon synthwave grid", null,
                new ImageSize(1029, 441), 1, 7, null,
                new ProviderRequest.SourceImage(source, "image/png"),
                new ProviderRequest.SourceImage(Files.readAllBytes(maskFile), "image/png"), Map.of(), null);
        ProviderResult result = provider.generate(request, ProviderContext.detached());
        Files.write(folder.resolve("edit-masked.png"), result.images().getFirst().bytes());
    }

    private static byte[] write(LocalPreviewProvider provider, Path folder, String name, String prompt, ImageSize size,
                              String background, long seed) throws IOException, ProviderException {
        ProviderRequest request = new ProviderRequest(LocalPreviewProvider.MODEL_NAME, prompt, null, size, 1, seed,
                background, null, null, Map.of(), null);
        ProviderResult result = provider.generate(request, ProviderContext.detached());
        byte[] png = result.images().getFirst().bytes();
        Files.write(folder.resolve(name + ".png"), png);
        return png;
    }
}
