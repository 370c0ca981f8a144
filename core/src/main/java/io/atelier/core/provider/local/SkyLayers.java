package io.atelier.core.provider.local;

/**
 * The sky's layers of a preview picture ({@link PreviewRenderer}): the gradient, stars, the sun or
 * moon with its glow, bokeh and stripes. Each paints straight into the picture's canvas from its
 * own random stream; see the renderer for the determinism contract.
 */
final class SkyLayers {

    /** Resolution of the sun-glow opacity table (by squared distance). */
    private static final int GLOW_STEPS = 4096;

    private SkyLayers() {
    }

    /** Three-stop vertical gradient, top → middle → horizon; left transparent for a transparent background. */
    static void paintSky(PreviewRenderer pic) {
        if (pic.transparent) {
            return;
        }
        double span = Math.max(1, pic.horizon - 1);
        for (int y = 0; y < pic.height; y++) {
            double t = Math.min(1, y / span);
            int from;
            int to;
            double local;
            if (t < 0.55) {
                from = pic.palette.skyTop();
                to = pic.palette.skyMid();
                local = PreviewRenderer.smooth(t / 0.55);
            } else {
                from = pic.palette.skyMid();
                to = pic.palette.horizon();
                local = PreviewRenderer.smooth((t - 0.55) / 0.45);
            }
            pic.fillRowMix(y, 0, pic.width, from, to, local);
        }
    }

    static void paintStars(PreviewRenderer pic) {
        SeededRandom random = pic.stream(PreviewRenderer.STARS_STREAM);
        int limit = Math.max(1, pic.scene.hasHorizon() ? pic.horizon : pic.height);
        int count = (int) ((double) pic.width * limit / 1400);
        double size = Math.max(1, pic.unit / 1024);
        for (int i = 0; i < count; i++) {
            int x = random.nextInt(pic.width);
            int y = random.nextInt(limit);
            double brightness = random.nextDouble();
            brightness = brightness * brightness * brightness;
            double fade = 1 - 0.75 * y / limit;
            int alpha = (int) (255 * (0.3 + 0.7 * brightness) * fade);
            double tint = random.nextDouble();
            int colour = tint < 0.15 ? 0xFFE7C4 : tint < 0.35 ? 0xCFDCFF : Colors.WHITE;
            if (size > 1.5 && brightness > 0.15) {
                pic.canvas.fillDisc(x + 0.5, y + 0.5, 0.5 * size, colour, alpha);
            } else {
                pic.canvas.blend(x, y, colour, alpha);
            }
            if (brightness > 0.35) {
                int halo = alpha / 3;
                pic.canvas.blend(x - 1, y, colour, halo);
                pic.canvas.blend(x + 1, y, colour, halo);
                pic.canvas.blend(x, y - 1, colour, halo);
                pic.canvas.blend(x, y + 1, colour, halo);
            }
            if (brightness > 0.75) {
                int arm = (int) Math.round(2 * size);
                for (int k = 2; k <= arm + 1; k++) {
                    int a = alpha / (k + 2);
                    pic.canvas.blend(x - k, y, colour, a);
                    pic.canvas.blend(x + k, y, colour, a);
                    pic.canvas.blend(x, y - k, colour, a);
                    pic.canvas.blend(x, y + k, colour, a);
                }
            }
        }
    }

    /**
     * Sun with a soft glow, or a moon (smaller glow, sometimes a crescent); with the retro grid
     * the sun gets the synthwave look: a vertical gradient and horizontal cuts in its lower half.
     *
     * <p>The glow can cover half the picture, so it is the renderer's hottest loop: its
     * opacity comes from a table indexed by squared distance (no square root per pixel), and only
     * the one-pixel rim of the disc computes an exact distance for anti-aliasing.
     */
    static void paintSun(PreviewRenderer pic) {
        SeededRandom random = pic.stream(PreviewRenderer.SUN_STREAM);
        boolean moon = pic.scene.moonlit();
        double radius = pic.sun.radius();
        double glowRadius = radius * (moon ? 2.2 : 3.0);
        double glowPeak = moon ? 0.22 : 0.5;
        int discColour = moon ? Colors.lerp(pic.palette.sun(), Colors.WHITE, 0.3) : pic.palette.sun();
        int glowColour = moon ? pic.palette.sun() : Colors.lerp(pic.palette.sun(), pic.palette.horizon(), 0.35);
        boolean crescent = moon && random.chance(0.5);
        double shadowOffset = radius * random.range(0.3, 0.6) * (random.chance(0.5) ? 1 : -1);
        boolean synthwave = pic.scene.has(Element.GRID) && !moon;
        double bandPeriod = radius * 0.17;

        double glowReach2 = glowRadius * glowRadius;
        int[] glowAlpha = new int[GLOW_STEPS + 1];
        double stepToD2 = glowReach2 / GLOW_STEPS;
        for (int k = 0; k <= GLOW_STEPS; k++) {
            double d = Math.sqrt(k * stepToD2);
            double g = d <= radius ? 1 : 1 - (d - radius) / (glowRadius - radius);
            glowAlpha[k] = g <= 0 ? 0 : (int) (255 * glowPeak * g * g);
        }
        double d2ToStep = GLOW_STEPS / glowReach2;
        double inner2 = Math.max(0, radius - 1) * Math.max(0, radius - 1);
        double outer2 = (radius + 1) * (radius + 1);

        int y0 = Math.max(0, (int) Math.floor(pic.sun.y() - glowRadius));
        int y1 = Math.min(pic.height - 1, (int) Math.ceil(pic.sun.y() + glowRadius));
        int[] pixels = pic.canvas.pixels;
        for (int y = y0; y <= y1; y++) {
            double dy = y + 0.5 - pic.sun.y();
            double dy2 = dy * dy;
            if (dy2 >= glowReach2) {
                continue;
            }
            double halfSpan = Math.sqrt(glowReach2 - dy2);
            int x0 = Math.max(0, (int) Math.floor(pic.sun.x() - halfSpan));
            int x1 = Math.min(pic.width - 1, (int) Math.ceil(pic.sun.x() + halfSpan));
            int offset = y * pic.width;
            int solid = 0xFF000000 | (synthwave
                    ? Colors.lerp(pic.palette.sun(), pic.palette.accent(), Math.clamp((dy / radius + 1) / 2, 0, 1))
                    : discColour);
            boolean cut = false;
            if (synthwave && dy > 0) {
                double within = dy % bandPeriod;
                cut = within < bandPeriod * (0.1 + 0.5 * dy / radius);
            }
            boolean plainDisc = !cut && !crescent;
            for (int x = x0; x <= x1; x++) {
                double dx = x + 0.5 - pic.sun.x();
                double d2 = dx * dx + dy2;
                if (d2 >= glowReach2) {
                    continue;
                }
                int i = offset + x;
                if (d2 < inner2) {
                    if (plainDisc) {
                        pixels[i] = solid;
                        continue;
                    }
                } else {
                    pixels[i] = Colors.over(pixels[i], glowColour, glowAlpha[(int) (d2 * d2ToStep)]);
                    if (d2 >= outer2) {
                        continue;
                    }
                }
                if (cut) {
                    continue;
                }
                double coverage = Math.min(1, radius - Math.sqrt(d2) + 0.5);
                if (crescent) {
                    double sx = dx - shadowOffset;
                    double shadow = Math.clamp(radius * 0.97 - Math.sqrt(sx * sx + dy2) + 0.5, 0, 1);
                    coverage *= 1 - shadow;
                }
                if (coverage > 0) {
                    pixels[i] = Colors.over(pixels[i], solid & 0xFFFFFF, (int) Math.round(255 * coverage));
                }
            }
        }
    }

    /**
     * Translucent orbs, like out-of-focus lights: a flat fill with a brighter rim. Flat inside, so
     * the orbs cost little to encode.
     */
    static void paintBokeh(PreviewRenderer pic) {
        SeededRandom random = pic.stream(PreviewRenderer.BOKEH_STREAM);
        int count = 7 + random.nextInt(10);
        int[] colours = {
            pic.palette.accent(), pic.palette.sun(), Colors.lerp(pic.palette.skyMid(), Colors.WHITE, 0.4), pic.palette.horizon(),
        };
        for (int n = 0; n < count; n++) {
            double size = random.nextDouble();
            double radius = pic.unit * (0.03 + 0.13 * size * size);
            double cx = random.range(0, pic.width);
            double cy = random.range(0, pic.height);
            int colour = colours[random.nextInt(colours.length)];
            double opacity = random.range(0.16, 0.42);
            int fill = (int) (255 * opacity);
            int rim = (int) (255 * Math.min(1, opacity * 1.6));
            double rimWidth = Math.max(1, radius * 0.05);
            double inner = radius - rimWidth;
            int y0 = Math.max(0, (int) Math.floor(cy - radius));
            int y1 = Math.min(pic.height - 1, (int) Math.ceil(cy + radius));
            for (int y = y0; y <= y1; y++) {
                double dy = y + 0.5 - cy;
                double outerHalf = radius * radius - dy * dy;
                if (outerHalf <= 0) {
                    continue;
                }
                double outer = Math.sqrt(outerHalf);
                double innerHalf = inner * inner - dy * dy;
                if (innerHalf <= 0) {
                    pic.canvas.fillSpan(y, cx - outer, cx + outer, colour, rim);
                    continue;
                }
                double core = Math.sqrt(innerHalf);
                pic.canvas.fillSpan(y, cx - outer, cx - core, colour, rim);
                pic.canvas.fillSpan(y, cx - core, cx + core, colour, fill);
                pic.canvas.fillSpan(y, cx + core, cx + outer, colour, rim);
            }
        }
    }

    /** Translucent parallel bands across the sky at one of a few angles. */
    static void paintStripes(PreviewRenderer pic) {
        SeededRandom random = pic.stream(PreviewRenderer.STRIPES_STREAM);
        double[] angles = {0, 30, 45, 60, 90, 120, 135, 150};
        double angle = Math.toRadians(angles[random.nextInt(angles.length)]);
        double cos = StrictMath.cos(angle);
        double sin = StrictMath.sin(angle);
        // At least 2 px: the incremental modulo below assumes a step (|cos| <= 1) shorter than a period.
        double period = Math.max(2, pic.unit * random.range(0.04, 0.12));
        double band = period * random.range(0.3, 0.55);
        int alpha = (int) (255 * random.range(0.10, 0.22));
        int colour = random.chance(0.5) ? pic.palette.accent() : Colors.lerp(pic.palette.skyMid(), Colors.WHITE, 0.5);
        double offset = random.range(0, period);
        int limit = pic.scene.hasHorizon() ? pic.horizon : pic.height;
        for (int y = 0; y < limit; y++) {
            double m = (y * sin + offset) % period;
            if (m < 0) {
                m += period;
            }
            int rowOffset = y * pic.width;
            for (int x = 0; x < pic.width; x++) {
                double inside = m < band ? Math.min(m, band - m) : -Math.min(m - band, period - m);
                double coverage = inside + 0.5;
                if (coverage > 0) {
                    pic.canvas.blendIndex(rowOffset + x, colour, coverage >= 1 ? alpha : (int) (alpha * coverage));
                }
                m += cos;
                if (m >= period) {
                    m -= period;
                } else if (m < 0) {
                    m += period;
                }
            }
        }
    }
}
