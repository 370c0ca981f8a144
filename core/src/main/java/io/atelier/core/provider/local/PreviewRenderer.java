package io.atelier.core.provider.local;

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

    /** Width of the film-grain tile: rows repeat with this period, so zlib still finds long matches. */
    private static final int GRAIN_TILE_WIDTH = 128;
    private static final int GRAIN_TILE_ROWS = 97;
    /** Random stream per layer; values are part of the output contract (changing one changes pictures). */
    static final long PALETTE_STREAM = 1;
    static final long LAYOUT_STREAM = 2;
    static final long STARS_STREAM = 3;
    static final long SUN_STREAM = 4;
    static final long MOUNTAINS_STREAM = 5;
    static final long SKYLINE_STREAM = 6;
    static final long FLOOR_STREAM = 7;
    static final long FOREST_STREAM = 8;
    static final long SNOW_STREAM = 9;
    static final long BOKEH_STREAM = 10;
    static final long STRIPES_STREAM = 11;
    static final long GRAIN_STREAM = 12;

    final Scene scene;
    final long imageSeed;
    final boolean transparent;
    final Canvas canvas;
    final int width;
    final int height;
    /** Size of things: the shorter side, so extreme aspect ratios keep sensible proportions. */
    final double unit;
    final Palette palette;
    /** First row below the sky; {@code height} when the picture has no horizon. */
    final int horizon;
    final boolean hasFloor;
    final SunPlacement sun;

    record SunPlacement(double x, double y, double radius) {
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
        SkyLayers.paintSky(this);
        if (scene.has(Element.STARS)) {
            SkyLayers.paintStars(this);
        }
        if (sun != null) {
            SkyLayers.paintSun(this);
        }
        if (scene.has(Element.MOUNTAINS)) {
            LandLayers.paintMountains(this);
        }
        if (scene.has(Element.SKYLINE)) {
            LandLayers.paintSkyline(this);
        }
        if (scene.has(Element.WAVES)) {
            LandLayers.paintWaves(this);
        } else if (scene.has(Element.GROUND) || scene.has(Element.GRID)) {
            LandLayers.paintGround(this);
        }
        if (scene.has(Element.FOREST)) {
            LandLayers.paintForest(this);
        }
        if (scene.has(Element.SNOW)) {
            LandLayers.paintSnow(this);
        }
        if (scene.has(Element.BOKEH)) {
            SkyLayers.paintBokeh(this);
        }
        if (scene.has(Element.STRIPES)) {
            SkyLayers.paintStripes(this);
        }
        if (scene.has(Element.GRAIN)) {
            paintGrain();
        }
        if (caption != null) {
            paintCaption(caption);
        }
    }

    SeededRandom stream(long layer) {
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

    void fillRowMix(int y, int x0, int x1, int from, int to, double t) {
        canvas.fillRowDithered(y, x0, x1,
                Colors.red(from) + (Colors.red(to) - Colors.red(from)) * t,
                Colors.green(from) + (Colors.green(to) - Colors.green(from)) * t,
                Colors.blue(from) + (Colors.blue(to) - Colors.blue(from)) * t);
    }

    // ---- over everything ---------------------------------------------------------------------

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

    static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }

    /** 1-D value noise in [0, 1): random values on integer lattice points, smoothly interpolated. */
    static double valueNoise(long seed, double x) {
        double floor = Math.floor(x);
        long cell = (long) floor;
        double a = (SeededRandom.mix(seed, cell) >>> 11) * 0x1.0p-53;
        double b = (SeededRandom.mix(seed, cell + 1) >>> 11) * 0x1.0p-53;
        return a + (b - a) * smooth(x - floor);
    }

    /** Fractal (octave-summed) value noise in [0, 1). */
    static double fbm(long seed, double x, int octaves) {
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
