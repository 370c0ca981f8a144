package io.atelier.core.provider.local;

import java.util.Arrays;

/**
 * Paints one procedural preview picture: a sky gradient and the scene's elements, layer by layer,
 * straight into an {@code int[]} canvas.
 *
 * <p>Determinism: the output is a pure function of (scene, size, image seed, transparency, caption).
 * Every layer draws from its own random stream derived from the image seed, so removing a layer
 * (a negative prompt word) leaves the others exactly where they were. Only integer and IEEE
 * arithmetic is used, plus {@link StrictMath} where a transcendental function is needed.
 *
 * <p>Cost: each layer is a loop over (part of) the raster with a handful of arithmetic operations
 * per pixel; no per-pixel object, call into Java2D or transcendental function. Not thread-safe: one
 * instance renders one picture.
 */
final class PreviewRenderer {

    /** Resolution of the sun-glow opacity table (by squared distance). */
    private static final int GLOW_STEPS = 4096;
    /** Width of the film-grain tile: rows repeat with this period, so zlib still finds long matches. */
    private static final int GRAIN_TILE_WIDTH = 128;
    private static final int GRAIN_TILE_ROWS = 97;
    /** Random stream per layer; values are part of the output contract (changing one changes pictures). */
    private static final long PALETTE_STREAM = 1;
    private static final long LAYOUT_STREAM = 2;
    private static final long STARS_STREAM = 3;
    private static final long SUN_STREAM = 4;
    private static final long MOUNTAINS_STREAM = 5;
    private static final long SKYLINE_STREAM = 6;
    private static final long FLOOR_STREAM = 7;
    private static final long FOREST_STREAM = 8;
    private static final long SNOW_STREAM = 9;
    private static final long BOKEH_STREAM = 10;
    private static final long STRIPES_STREAM = 11;
    private static final long GRAIN_STREAM = 12;

    private final Scene scene;
    private final long imageSeed;
    private final boolean transparent;
    private final Canvas canvas;
    private final int width;
    private final int height;
    /** Size of things: the shorter side, so extreme aspect ratios keep sensible proportions. */
    private final double unit;
    private final Palette palette;
    /** First row below the sky; {@code height} when the picture has no horizon. */
    private final int horizon;
    private final boolean hasFloor;
    private final SunPlacement sun;

    private record SunPlacement(double x, double y, double radius) {
    }

    private PreviewRenderer(Scene scene, int width, int height, long imageSeed, boolean transparent) {
        this.scene = scene;
        this.imageSeed = imageSeed;
        this.transparent = transparent;
        this.canvas = new Canvas(width, height);
        this.width = width;
        this.height = height;
        this.unit = Math.min(width, height);
        this.palette = scene.paletteFor(stream(PALETTE_STREAM));
        SeededRandom layout = stream(LAYOUT_STREAM);
        this.hasFloor = scene.has(Element.WAVES) || scene.has(Element.GROUND) || scene.has(Element.GRID);
        double horizonShare = hasFloor ? layout.range(0.58, 0.72) : layout.range(0.80, 0.92);
        this.horizon = scene.hasHorizon() ? (int) Math.round(height * horizonShare) : height;
        this.sun = scene.has(Element.SUN) ? placeSun(layout) : null;
    }

    /**
     * Renders one picture.
     *
     * @param caption text for the small caption in the lower-left corner, or null for none
     * @return the canvas, premultiplied ARGB; opaque everywhere unless {@code transparent}
     */
    static Canvas render(Scene scene, int width, int height, long imageSeed, boolean transparent, String caption) {
        PreviewRenderer renderer = new PreviewRenderer(scene, width, height, imageSeed, transparent);
        renderer.paint(caption);
        return renderer.canvas;
    }

    private void paint(String caption) {
        paintSky();
        if (scene.has(Element.STARS)) {
            paintStars();
        }
        if (sun != null) {
            paintSun();
        }
        if (scene.has(Element.MOUNTAINS)) {
            paintMountains();
        }
        if (scene.has(Element.SKYLINE)) {
            paintSkyline();
        }
        if (scene.has(Element.WAVES)) {
            paintWaves();
        } else if (scene.has(Element.GROUND) || scene.has(Element.GRID)) {
            paintGround();
        }
        if (scene.has(Element.FOREST)) {
            paintForest();
        }
        if (scene.has(Element.SNOW)) {
            paintSnow();
        }
        if (scene.has(Element.BOKEH)) {
            paintBokeh();
        }
        if (scene.has(Element.STRIPES)) {
            paintStripes();
        }
        if (scene.has(Element.GRAIN)) {
            paintGrain();
        }
        if (caption != null) {
            paintCaption(caption);
        }
    }

    private SeededRandom stream(long layer) {
        return SeededRandom.forStream(imageSeed, layer);
    }

    private SunPlacement placeSun(SeededRandom layout) {
        double radius = unit * layout.range(0.07, 0.13);
        double x = width * layout.range(0.18, 0.82);
        double y = scene.hasHorizon()
                ? horizon - radius * layout.range(-0.3, 2.6)
                : height * layout.range(0.25, 0.55);
        return new SunPlacement(x, Math.max(y, radius * 1.3), radius);
    }

    // ---- sky ---------------------------------------------------------------------------------

    /** Three-stop vertical gradient, top → middle → horizon; left transparent for a transparent background. */
    private void paintSky() {
        if (transparent) {
            return;
        }
        double span = Math.max(1, horizon - 1);
        for (int y = 0; y < height; y++) {
            double t = Math.min(1, y / span);
            int from;
            int to;
            double local;
            if (t < 0.55) {
                from = palette.skyTop();
                to = palette.skyMid();
                local = smooth(t / 0.55);
            } else {
                from = palette.skyMid();
                to = palette.horizon();
                local = smooth((t - 0.55) / 0.45);
            }
            fillRowMix(y, 0, width, from, to, local);
        }
    }

    private void fillRowMix(int y, int x0, int x1, int from, int to, double t) {
        canvas.fillRowDithered(y, x0, x1,
                Colors.red(from) + (Colors.red(to) - Colors.red(from)) * t,
                Colors.green(from) + (Colors.green(to) - Colors.green(from)) * t,
                Colors.blue(from) + (Colors.blue(to) - Colors.blue(from)) * t);
    }

    private void paintStars() {
        SeededRandom random = stream(STARS_STREAM);
        int limit = Math.max(1, scene.hasHorizon() ? horizon : height);
        int count = (int) ((double) width * limit / 1400);
        double size = Math.max(1, unit / 1024);
        for (int i = 0; i < count; i++) {
            int x = random.nextInt(width);
            int y = random.nextInt(limit);
            double brightness = random.nextDouble();
            brightness = brightness * brightness * brightness;
            double fade = 1 - 0.75 * y / limit;
            int alpha = (int) (255 * (0.3 + 0.7 * brightness) * fade);
            double tint = random.nextDouble();
            int colour = tint < 0.15 ? 0xFFE7C4 : tint < 0.35 ? 0xCFDCFF : Colors.WHITE;
            if (size > 1.5 && brightness > 0.15) {
                canvas.fillDisc(x + 0.5, y + 0.5, 0.5 * size, colour, alpha);
            } else {
                canvas.blend(x, y, colour, alpha);
            }
            if (brightness > 0.35) {
                int halo = alpha / 3;
                canvas.blend(x - 1, y, colour, halo);
                canvas.blend(x + 1, y, colour, halo);
                canvas.blend(x, y - 1, colour, halo);
                canvas.blend(x, y + 1, colour, halo);
            }
            if (brightness > 0.75) {
                int arm = (int) Math.round(2 * size);
                for (int k = 2; k <= arm + 1; k++) {
                    int a = alpha / (k + 2);
                    canvas.blend(x - k, y, colour, a);
                    canvas.blend(x + k, y, colour, a);
                    canvas.blend(x, y - k, colour, a);
                    canvas.blend(x, y + k, colour, a);
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
    private void paintSun() {
        SeededRandom random = stream(SUN_STREAM);
        boolean moon = scene.moonlit();
        double radius = sun.radius();
        double glowRadius = radius * (moon ? 2.2 : 3.0);
        double glowPeak = moon ? 0.22 : 0.5;
        int discColour = moon ? Colors.lerp(palette.sun(), Colors.WHITE, 0.3) : palette.sun();
        int glowColour = moon ? palette.sun() : Colors.lerp(palette.sun(), palette.horizon(), 0.35);
        boolean crescent = moon && random.chance(0.5);
        double shadowOffset = radius * random.range(0.3, 0.6) * (random.chance(0.5) ? 1 : -1);
        boolean synthwave = scene.has(Element.GRID) && !moon;
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

        int y0 = Math.max(0, (int) Math.floor(sun.y() - glowRadius));
        int y1 = Math.min(height - 1, (int) Math.ceil(sun.y() + glowRadius));
        int[] pixels = canvas.pixels;
        for (int y = y0; y <= y1; y++) {
            double dy = y + 0.5 - sun.y();
            double dy2 = dy * dy;
            if (dy2 >= glowReach2) {
                continue;
            }
            double halfSpan = Math.sqrt(glowReach2 - dy2);
            int x0 = Math.max(0, (int) Math.floor(sun.x() - halfSpan));
            int x1 = Math.min(width - 1, (int) Math.ceil(sun.x() + halfSpan));
            int offset = y * width;
            int solid = 0xFF000000 | (synthwave
                    ? Colors.lerp(palette.sun(), palette.accent(), Math.clamp((dy / radius + 1) / 2, 0, 1))
                    : discColour);
            boolean cut = false;
            if (synthwave && dy > 0) {
                double within = dy % bandPeriod;
                cut = within < bandPeriod * (0.1 + 0.5 * dy / radius);
            }
            boolean plainDisc = !cut && !crescent;
            for (int x = x0; x <= x1; x++) {
                double dx = x + 0.5 - sun.x();
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

    // ---- on the horizon ----------------------------------------------------------------------

    /** Two to four ridge lines of fractal noise, far (hazy, high) to near (dark, low), some with snow caps. */
    private void paintMountains() {
        SeededRandom random = stream(MOUNTAINS_STREAM);
        int layers = 2 + random.nextInt(3);
        int bottom = hasFloor ? horizon : height;
        boolean snowCaps = scene.theme() == Theme.SNOW || scene.has(Element.SNOW) || random.chance(0.3);
        int capColour = Colors.lerp(Colors.WHITE, palette.skyMid(), 0.18);
        float[] ridge = new float[width];
        float[] capDepth = new float[width];
        for (int layer = 0; layer < layers; layer++) {
            double t = (double) layer / (layers - 1);
            double peak = unit * random.range(0.14, 0.30) * (1.15 - 0.5 * t);
            double lift = unit * 0.025 * (1 - t);
            double frequency = random.range(1.6, 3.2) * (0.8 + 0.6 * t);
            boolean ridged = random.chance(0.5);
            long noiseSeed = random.nextLong();
            double noiseOffset = random.range(0, 1000);
            double top = bottom;
            for (int x = 0; x < width; x++) {
                double n = fbm(noiseSeed, noiseOffset + x / unit * frequency, 5);
                if (ridged) {
                    n = 1 - Math.abs(2 * n - 1);
                }
                ridge[x] = (float) (horizon - lift - peak * n);
                top = Math.min(top, ridge[x]);
                capDepth[x] = (float) (unit * (0.015 + 0.04 * valueNoise(noiseSeed + 7, x / unit * 14)));
            }
            int base = Colors.lerp(Colors.lerp(palette.far(), palette.near(), t), palette.horizon(), 0.5 * (1 - t));
            int foot = t < 1 ? Colors.lerp(base, palette.horizon(), 0.25) : Colors.lerp(base, Colors.BLACK, 0.18);
            boolean caps = snowCaps && (layer < layers - 1 || layers == 2);
            double capLine = top + (bottom - top) * 0.35;
            int firstRow = Math.max(0, (int) Math.floor(top));
            for (int y = firstRow; y < bottom; y++) {
                int rowColour = Colors.lerp(base, foot, (y - top) / Math.max(1, bottom - top));
                int offset = y * width;
                for (int x = 0; x < width; x++) {
                    float r = ridge[x];
                    if (y + 1 <= r) {
                        continue;
                    }
                    int colour = caps && y < capLine && y - r < capDepth[x] ? capColour : rowColour;
                    if (y >= r) {
                        canvas.pixels[offset + x] = 0xFF000000 | colour;
                    } else {
                        canvas.blendIndex(offset + x, colour, (int) (255 * (y + 1 - r)));
                    }
                }
            }
        }
    }

    /** Two rows of blocky buildings; the near row has a grid of lit windows. */
    private void paintSkyline() {
        SeededRandom random = stream(SKYLINE_STREAM);
        int bottom = hasFloor ? horizon : height;
        int litColour = Colors.lerp(palette.accent(), palette.sun(), 0.5);
        double litShare = palette.darkSky() || scene.moonlit() ? 0.4 : 0.14;
        int[] top = new int[width];
        int[] left = new int[width];
        int[] right = new int[width];
        for (int row = 0; row < 2; row++) {
            boolean far = row == 0;
            Arrays.fill(top, bottom);
            Arrays.fill(left, -1);
            int x = -random.nextInt(Math.max(1, (int) (unit * 0.03)));
            int minTop = bottom;
            while (x < width) {
                int buildingWidth = Math.max(3, (int) (unit * random.range(0.025, 0.075) * (far ? 0.8 : 1)));
                int buildingHeight = (int) (unit * (far ? random.range(0.10, 0.32) : random.range(0.05, 0.24)));
                int gap = random.chance(0.3) ? random.nextInt(Math.max(1, (int) (unit * 0.012))) : 0;
                for (int c = Math.max(0, x); c < Math.min(width, x + buildingWidth); c++) {
                    top[c] = bottom - buildingHeight;
                    left[c] = x;
                    right[c] = x + buildingWidth;
                }
                if (random.chance(0.15)) {
                    int mast = Math.max(1, (int) (unit * 0.003));
                    int mastHeight = buildingHeight + (int) (unit * random.range(0.02, 0.06));
                    int mastX = x + buildingWidth / 2;
                    for (int c = Math.max(0, mastX); c < Math.min(width, mastX + mast); c++) {
                        top[c] = bottom - mastHeight;
                        left[c] = -1;
                    }
                }
                minTop = Math.min(minTop, bottom - buildingHeight - (int) (unit * 0.06));
                x += buildingWidth + gap;
            }
            int colour = far
                    ? Colors.lerp(palette.far(), palette.horizon(), 0.35)
                    : Colors.lerp(palette.near(), Colors.BLACK, 0.15);
            int pitch = Math.max(3, (int) (unit * (far ? 0.009 : 0.013)));
            int window = Math.max(1, pitch * 11 / 20);
            int lit = far ? Colors.lerp(colour, litColour, 0.6) : litColour;
            long windowSeed = random.nextLong();
            int threshold = (int) (litShare * (far ? 0.7 : 1) * 256);
            for (int y = Math.max(0, minTop); y < bottom; y++) {
                int offset = y * width;
                for (int c = 0; c < width; c++) {
                    if (y < top[c]) {
                        continue;
                    }
                    int pixel = colour;
                    int l = left[c];
                    if (l >= 0) {
                        int lx = c - l - pitch / 2;
                        int ly = y - top[c] - pitch / 2;
                        if (lx >= 0 && ly >= 0 && lx % pitch < window && ly % pitch < window
                                && c + pitch / 2 < right[c] && y + pitch < bottom) {
                            long cell = SeededRandom.mix(windowSeed, ((long) l << 20) ^ ((long) (lx / pitch) << 10) ^ (ly / pitch));
                            if ((cell & 0xFF) < threshold) {
                                pixel = lit;
                            }
                        }
                    }
                    canvas.pixels[offset + c] = 0xFF000000 | pixel;
                }
            }
        }
    }

    /** Pine trees: a far row on the horizon and, unless the floor is water, a sparse near row. */
    private void paintForest() {
        SeededRandom random = stream(FOREST_STREAM);
        int bottom = hasFloor ? horizon : height;
        int farColour = Colors.lerp(Colors.lerp(palette.near(), palette.far(), 0.5), palette.horizon(), 0.2);
        // Steps of at least a pixel keep the work bounded on extreme sizes (a 4096x4 strip).
        for (double x = -random.range(0, unit * 0.03); x < width + unit * 0.05;
                x += Math.max(1, unit * random.range(0.018, 0.04))) {
            double treeHeight = unit * random.range(0.06, 0.13);
            double base = bottom + (hasFloor ? unit * random.range(0, 0.015) : 0);
            paintTree(x, base, treeHeight, treeHeight * random.range(0.32, 0.45), farColour);
        }
        if (hasFloor && !scene.has(Element.WAVES)) {
            int nearColour = Colors.lerp(palette.near(), Colors.BLACK, 0.3);
            for (double x = random.range(0, unit * 0.1); x < width; x += Math.max(1, unit * random.range(0.07, 0.18))) {
                if (random.chance(0.4)) {
                    continue;
                }
                double treeHeight = unit * random.range(0.16, 0.34);
                double base = horizon + (height - horizon) * random.range(0.15, 0.6);
                paintTree(x, base, treeHeight, treeHeight * random.range(0.3, 0.42), nearColour);
            }
        }
    }

    private void paintTree(double centre, double base, double treeHeight, double treeWidth, int colour) {
        double top = base - treeHeight;
        double crownBottom = base - treeHeight * 0.1;
        double trunk = Math.max(0.6, treeWidth * 0.07);
        for (int y = (int) Math.floor(top); y < (int) Math.ceil(base); y++) {
            double halfWidth;
            if (y + 0.5 < crownBottom) {
                double u = (y + 0.5 - top) / (crownBottom - top);
                double tier = u * 4 - Math.floor(u * 4);
                halfWidth = treeWidth / 2 * u * (0.72 + 0.28 * tier);
            } else {
                halfWidth = trunk;
            }
            canvas.fillSpan(y, centre - halfWidth, centre + halfWidth, colour, 255);
        }
    }

    // ---- below the horizon -------------------------------------------------------------------

    private void paintGround() {
        int far = Colors.lerp(palette.ground(), palette.horizon(), 0.45);
        int near = Colors.lerp(palette.ground(), Colors.BLACK, 0.15);
        double depth = Math.max(1, height - horizon);
        for (int y = horizon; y < height; y++) {
            fillRowMix(y, 0, width, far, near, Math.sqrt((y - horizon) / depth));
        }
        if (scene.has(Element.GRID)) {
            paintGrid();
        }
    }

    /** A perspective grid converging on a vanishing point on the horizon, glowing where it meets the sky. */
    private void paintGrid() {
        SeededRandom random = stream(FLOOR_STREAM);
        int colour = palette.accent();
        double depth = Math.max(1, height - horizon);
        double vanishX = width * random.range(0.4, 0.6);
        double phase = random.range(0, 1);
        double cell = unit * random.range(0.09, 0.16);
        double lineWidth = Math.max(1, unit * 0.0035);
        // Horizontal lines at equal world distances: screen rows horizon + depth / z.
        for (int k = 0; ; k++) {
            double z = 1 + (k + phase) * 0.45;
            double y = horizon + depth / z;
            double closeness = (y - horizon) / depth;
            if (y - horizon < 2) {
                break;
            }
            double thickness = Math.max(0.6, lineWidth * closeness);
            int alpha = (int) (255 * (0.35 + 0.65 * closeness));
            int first = (int) Math.floor(y - thickness / 2);
            int last = (int) Math.floor(y + thickness / 2);
            for (int row = first; row <= last; row++) {
                double cover = Math.min(row + 1, y + thickness / 2) - Math.max(row, y - thickness / 2);
                if (cover > 0 && row >= horizon) {
                    canvas.fillSpan(row, 0, width, colour, (int) (alpha * Math.min(1, cover)));
                }
            }
        }
        // Lines running away from the viewer, spaced {@code cell} apart at the bottom row.
        int lines = (int) Math.ceil(width / cell) * 3;
        for (int y = horizon; y < height; y++) {
            double closeness = (y + 0.5 - horizon) / depth;
            double spacing = cell * closeness;
            if (spacing < 2) {
                continue;
            }
            double thickness = Math.max(0.6, lineWidth * closeness);
            int alpha = (int) (255 * (0.35 + 0.65 * closeness));
            for (int j = -lines; j <= lines; j++) {
                double x = vanishX + j * spacing;
                if (x < -thickness || x > width + thickness) {
                    continue;
                }
                canvas.fillSpan(y, x - thickness / 2, x + thickness / 2, colour, alpha);
            }
        }
        int glowRows = Math.max(2, (int) (unit * 0.03));
        for (int y = Math.max(0, horizon - glowRows / 3); y < Math.min(height, horizon + glowRows); y++) {
            double g = 1 - Math.abs(y - horizon) / (double) glowRows;
            canvas.fillSpan(y, 0, width, colour, (int) (150 * g * g));
        }
    }

    /**
     * Water reflecting the horizon colour, with flat highlight and shadow dashes that grow longer,
     * thicker and sparser towards the viewer, and a broken glitter path under the sun.
     *
     * <p>Flat dashes rather than per-pixel wave shading: it matches the flat style of the other
     * layers, and rows stay runs of equal pixels, which is what keeps rendering and PNG deflate
     * cheap (per-pixel shading made water the most expensive part of a picture to encode).
     */
    private void paintWaves() {
        SeededRandom random = stream(FLOOR_STREAM);
        int far = Colors.lerp(palette.horizon(), palette.water(), 0.35);
        int near = palette.water();
        int light = Colors.lerp(palette.horizon(), Colors.WHITE, 0.35);
        int dark = Colors.lerp(palette.water(), Colors.BLACK, 0.35);
        double depth = Math.max(1, height - horizon);
        for (int y = horizon; y < height; y++) {
            fillRowMix(y, 0, width, far, near, StrictMath.pow((y + 0.5 - horizon) / depth, 0.6));
        }
        boolean reflection = sun != null && sun.y() < horizon;
        int glitterColour = Colors.lerp(palette.sun(), Colors.WHITE, 0.2);
        double y = horizon + 1;
        while (y < height) {
            double t = (y - horizon) / depth;
            int thickness = Math.max(1, (int) Math.round(unit * (0.0012 + 0.006 * t)));
            int row = (int) y;
            // Highlights and shadows along the whole row.
            double x = -random.range(0, unit * 0.05);
            while (x < width) {
                double length = unit * (0.008 + 0.09 * t) * random.range(0.3, 1.7);
                boolean highlight = random.chance(0.6);
                int alpha = (int) ((highlight ? 70 : 45) + 90 * t);
                for (int k = 0; k < thickness; k++) {
                    canvas.fillSpan(row + k, x, x + length, highlight ? light : dark, alpha);
                }
                x += length + Math.max(1, unit * (0.01 + 0.08 * t) * random.range(0.5, 2.5));
            }
            // The sun's path: a few dashes within a band that widens towards the viewer.
            if (reflection) {
                double half = sun.radius() * (0.4 + 1.6 * t);
                int alpha = (int) (210 * (1 - 0.45 * t));
                double left = sun.x() - half * random.range(0.2, 1.0);
                double right = sun.x() + half * random.range(0.2, 1.0);
                double cursor = left;
                while (cursor < right) {
                    double length = (right - left) * random.range(0.15, 0.6);
                    for (int k = 0; k < thickness; k++) {
                        canvas.fillSpan(row + k, cursor, Math.min(right, cursor + length), glitterColour, alpha);
                    }
                    cursor += length + (right - left) * random.range(0.05, 0.25);
                }
            }
            y += thickness + Math.max(1, unit * (0.003 + 0.035 * t * t) * random.range(0.6, 1.4));
        }
    }

    // ---- over everything ---------------------------------------------------------------------

    private void paintSnow() {
        SeededRandom random = stream(SNOW_STREAM);
        int count = (int) ((double) width * height / 700);
        double size = Math.max(0.75, unit / 1024);
        for (int i = 0; i < count; i++) {
            double x = random.range(0, width);
            double y = random.range(0, height);
            double radius = size * random.range(0.6, 2.2);
            double a = random.nextDouble();
            canvas.fillDisc(x, y, radius, 0xF6F9FF, (int) (255 * (0.45 + 0.5 * a * a)));
        }
    }

    /**
     * Translucent orbs, like out-of-focus lights: a flat fill with a brighter rim. Flat inside, so
     * the orbs cost little to encode.
     */
    private void paintBokeh() {
        SeededRandom random = stream(BOKEH_STREAM);
        int count = 7 + random.nextInt(10);
        int[] colours = {
            palette.accent(), palette.sun(), Colors.lerp(palette.skyMid(), Colors.WHITE, 0.4), palette.horizon(),
        };
        for (int n = 0; n < count; n++) {
            double size = random.nextDouble();
            double radius = unit * (0.03 + 0.13 * size * size);
            double cx = random.range(0, width);
            double cy = random.range(0, height);
            int colour = colours[random.nextInt(colours.length)];
            double opacity = random.range(0.16, 0.42);
            int fill = (int) (255 * opacity);
            int rim = (int) (255 * Math.min(1, opacity * 1.6));
            double rimWidth = Math.max(1, radius * 0.05);
            double inner = radius - rimWidth;
            int y0 = Math.max(0, (int) Math.floor(cy - radius));
            int y1 = Math.min(height - 1, (int) Math.ceil(cy + radius));
            for (int y = y0; y <= y1; y++) {
                double dy = y + 0.5 - cy;
                double outerHalf = radius * radius - dy * dy;
                if (outerHalf <= 0) {
                    continue;
                }
                double outer = Math.sqrt(outerHalf);
                double innerHalf = inner * inner - dy * dy;
                if (innerHalf <= 0) {
                    canvas.fillSpan(y, cx - outer, cx + outer, colour, rim);
                    continue;
                }
                double core = Math.sqrt(innerHalf);
                canvas.fillSpan(y, cx - outer, cx - core, colour, rim);
                canvas.fillSpan(y, cx - core, cx + core, colour, fill);
                canvas.fillSpan(y, cx + core, cx + outer, colour, rim);
            }
        }
    }

    /** Translucent parallel bands across the sky at one of a few angles. */
    private void paintStripes() {
        SeededRandom random = stream(STRIPES_STREAM);
        double[] angles = {0, 30, 45, 60, 90, 120, 135, 150};
        double angle = Math.toRadians(angles[random.nextInt(angles.length)]);
        double cos = StrictMath.cos(angle);
        double sin = StrictMath.sin(angle);
        // At least 2 px: the incremental modulo below assumes a step (|cos| <= 1) shorter than a period.
        double period = Math.max(2, unit * random.range(0.04, 0.12));
        double band = period * random.range(0.3, 0.55);
        int alpha = (int) (255 * random.range(0.10, 0.22));
        int colour = random.chance(0.5) ? palette.accent() : Colors.lerp(palette.skyMid(), Colors.WHITE, 0.5);
        double offset = random.range(0, period);
        int limit = scene.hasHorizon() ? horizon : height;
        for (int y = 0; y < limit; y++) {
            double m = (y * sin + offset) % period;
            if (m < 0) {
                m += period;
            }
            int rowOffset = y * width;
            for (int x = 0; x < width; x++) {
                double inside = m < band ? Math.min(m, band - m) : -Math.min(m - band, period - m);
                double coverage = inside + 0.5;
                if (coverage > 0) {
                    canvas.blendIndex(rowOffset + x, colour, coverage >= 1 ? alpha : (int) (alpha * coverage));
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

    /**
     * Monochrome film grain, scaled by each pixel's opacity so it stays premultiplied. The noise
     * comes from a small tile whose rows are picked and shifted per picture row: to the eye it is
     * random, but each row repeats every {@value #GRAIN_TILE_WIDTH} pixels, so rows of one colour
     * still compress (per-pixel noise would double the PNG and the time to deflate it).
     */
    private void paintGrain() {
        SeededRandom random = stream(GRAIN_STREAM);
        int amplitude = 5 + random.nextInt(6);
        byte[] tile = new byte[GRAIN_TILE_WIDTH * GRAIN_TILE_ROWS];
        for (int i = 0; i < tile.length; i += 8) {
            long bits = random.nextLong();
            for (int k = 0; k < 8; k++) {
                tile[i + k] = (byte) (((((int) (bits >>> (8 * k)) & 0xFF) - 128) * amplitude) >> 7);
            }
        }
        int[] pixels = canvas.pixels;
        for (int y = 0; y < height; y++) {
            long pick = SeededRandom.mix(imageSeed, y);
            int rowStart = (int) ((pick >>> 1) % GRAIN_TILE_ROWS) * GRAIN_TILE_WIDTH;
            int shift = (int) (pick >>> 40);
            int offset = y * width;
            for (int x = 0; x < width; x++) {
                int i = offset + x;
                int pixel = pixels[i];
                int a = pixel >>> 24;
                if (a == 0) {
                    continue;
                }
                int delta = tile[rowStart + ((x + shift) & (GRAIN_TILE_WIDTH - 1))];
                if (a != 255) {
                    delta = delta * a / 255;
                }
                int r = Math.clamp(((pixel >> 16) & 0xFF) + delta, 0, a);
                int g = Math.clamp(((pixel >> 8) & 0xFF) + delta, 0, a);
                int b = Math.clamp((pixel & 0xFF) + delta, 0, a);
                pixels[i] = (a << 24) | (r << 16) | (g << 8) | b;
            }
        }
    }

    /** The honest label: a small dark box with "LOCAL/PREVIEW" and as much of the prompt as fits. */
    private void paintCaption(String caption) {
        int scale = Math.max(1, (int) Math.round(unit / 512));
        int margin = 3 * scale;
        int padding = 2 * scale;
        int advance = CaptionFont.ADVANCE * scale;
        int fits = (width - 2 * margin - 2 * padding + scale) / advance;
        String text = CaptionFont.normalise(caption);
        if (fits < "LOCAL/PREVIEW".length() || height < CaptionFont.GLYPH_HEIGHT * scale + 2 * (margin + padding)) {
            return;
        }
        if (text.length() > fits) {
            text = text.substring(0, fits - 3).stripTrailing() + "...";
        }
        int boxHeight = CaptionFont.GLYPH_HEIGHT * scale + 2 * padding;
        int boxWidth = text.length() * advance - scale + 2 * padding;
        int y0 = height - margin - boxHeight;
        for (int y = y0; y < y0 + boxHeight; y++) {
            canvas.fillSpan(y, margin, margin + boxWidth, 0x101014, 110);
        }
        CaptionFont.draw(canvas, text, margin + padding, y0 + padding, scale, Colors.WHITE, 225);
    }

    // ---- noise -------------------------------------------------------------------------------

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }

    /** 1-D value noise in [0, 1): random values on integer lattice points, smoothly interpolated. */
    private static double valueNoise(long seed, double x) {
        double floor = Math.floor(x);
        long cell = (long) floor;
        double a = (SeededRandom.mix(seed, cell) >>> 11) * 0x1.0p-53;
        double b = (SeededRandom.mix(seed, cell + 1) >>> 11) * 0x1.0p-53;
        return a + (b - a) * smooth(x - floor);
    }

    /** Fractal (octave-summed) value noise in [0, 1). */
    private static double fbm(long seed, double x, int octaves) {
        double sum = 0;
        double amplitude = 1;
        double norm = 0;
        double frequency = 1;
        for (int octave = 0; octave < octaves; octave++) {
            sum += amplitude * valueNoise(seed + octave, x * frequency);
            norm += amplitude;
            amplitude *= 0.5;
            frequency *= 2.03;
        }
        return sum / norm;
    }
}
