package io.atelier.core.provider.http;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;

/**
 * Converts Atelier's edit masks (OpenAI's convention: transparent pixels mark the area to repaint) into
 * the Stable Diffusion convention (white repaints, black keeps).
 */
public final class Masks {

    private Masks() {
    }

    /**
     * A white-on-black PNG of the mask. A mask without transparency is taken to be in the Stable
     * Diffusion convention already and returned unchanged.
     */
    public static byte[] whiteRepaints(ProviderRequest.SourceImage mask) throws ProviderException {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(mask.bytes()));
        } catch (IOException e) {
            image = null;
        }
        if (image == null) {
            throw ProviderException.NonRetriable.badRequest("the mask is not a readable image");
        }
        if (!image.getColorModel().hasAlpha()) {
            return mask.bytes();
        }
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int alpha = image.getRGB(x, y) >>> 24;
                out.setRGB(x, y, alpha == 0 ? 0xFFFFFF : 0x000000);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(out, "png", bytes);
        } catch (IOException e) {
            throw ProviderException.NonRetriable.badRequest("the mask could not be converted");
        }
        return bytes.toByteArray();
    }
}
