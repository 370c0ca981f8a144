package io.atelier.core.provider.local;

import java.util.Arrays;

/**
 * The layers on and below the horizon of a preview picture ({@link PreviewRenderer}): mountains,
 * the skyline, forest, the ground, the perspective grid, waves and snow. Each paints straight into
 * the picture's canvas from its own random stream; see the renderer for the determinism contract.
 */
final class LandLayers {

    private LandLayers() {
    }

    /** Two to four ridge lines of fractal noise, far (hazy, high) to near (dark, low), some with snow caps. */
    static void paintMountains(PreviewRenderer pic) {
        SeededRandom random = pic.stream(PreviewRenderer.MOUNTAINS_STREAM);
        int layers = 2 + random.nextInt(3);
        int bottom = pic.hasFloor ? pic.horizon : pic.height;
        boolean snowCaps = pic.scene.theme() == Theme.SNOW || pic.scene.has(Element.SNOW) || random.chance(0.3);
        int capColour = Colors.lerp(Colors.WHITE, pic.palette.skyMid(), 0.18);
        float[] ridge = new float[pic.width];
        float[] capDepth = new float[pic.width];
        for (int layer = 0; layer < layers; layer++) {
            double t = (double) layer / (layers - 1);
            double peak = pic.unit * random.range(0.14, 0.30) * (1.15 - 0.5 * t);
            double lift = pic.unit * 0.025 * (1 - t);
            double frequency = random.range(1.6, 3.2) * (0.8 + 0.6 * t);
            boolean ridged = random.chance(0.5);
            long noiseSeed = random.nextLong();
            double noiseOffset = random.range(0, 1000);
            double top = bottom;
            for (int x = 0; x < pic.width; x++) {
                double n = PreviewRenderer.fbm(noiseSeed, noiseOffset + x / pic.unit * frequency, 5);
                if (ridged) {
                    n = 1 - Math.abs(2 * n - 1);
                }
                ridge[x] = (float) (pic.horizon - lift - peak * n);
                top = Math.min(top, ridge[x]);
                capDepth[x] = (float) (pic.unit * (0.015 + 0.04 * PreviewRenderer.valueNoise(noiseSeed + 7, x / pic.unit * 14)));
            }
            int base = Colors.lerp(Colors.lerp(pic.palette.far(), pic.palette.near(), t), pic.palette.horizon(), 0.5 * (1 - t));
            int foot = t < 1 ? Colors.lerp(base, pic.palette.horizon(), 0.25) : Colors.lerp(base, Colors.BLACK, 0.18);
            boolean caps = snowCaps && (layer < layers - 1 || layers == 2);
            double capLine = top + (bottom - top) * 0.35;
            int firstRow = Math.max(0, (int) Math.floor(top));
            for (int y = firstRow; y < bottom; y++) {
                int rowColour = Colors.lerp(base, foot, (y - top) / Math.max(1, bottom - top));
                int offset = y * pic.width;
                for (int x = 0; x < pic.width; x++) {
                    float r = ridge[x];
                    if (y + 1 <= r) {
                        continue;
                    }
                    int colour = caps && y < capLine && y - r < capDepth[x] ? capColour : rowColour;
                    if (y >= r) {
                        pic.canvas.pixels[offset + x] = 0xFF000000 | colour;
                    } else {
                        pic.canvas.blendIndex(offset + x, colour, (int) (255 * (y + 1 - r)));
                    }
                }
            }
        }
    }

    /** Two rows of blocky buildings; the near row has a grid of lit windows. */
    static void paintSkyline(PreviewRenderer pic) {
        SeededRandom random = pic.stream(PreviewRenderer.SKYLINE_STREAM);
        int bottom = pic.hasFloor ? pic.horizon : pic.height;
        int litColour = Colors.lerp(pic.palette.accent(), pic.palette.sun(), 0.5);
        double litShare = pic.palette.darkSky() || pic.scene.moonlit() ? 0.4 : 0.14;
        int[] top = new int[pic.width];
        int[] left = new int[pic.width];
        int[] right = new int[pic.width];
        for (int row = 0; row < 2; row++) {
            boolean far = row == 0;
            Arrays.fill(top, bottom);
            Arrays.fill(left, -1);
            int x = -random.nextInt(Math.max(1, (int) (pic.unit * 0.03)));
            int minTop = bottom;
            while (x < pic.width) {
                int buildingWidth = Math.max(3, (int) (pic.unit * random.range(0.025, 0.075) * (far ? 0.8 : 1)));
                int buildingHeight = (int) (pic.unit * (far ? random.range(0.10, 0.32) : random.range(0.05, 0.24)));
                int gap = random.chance(0.3) ? random.nextInt(Math.max(1, (int) (pic.unit * 0.012))) : 0;
                for (int c = Math.max(0, x); c < Math.min(pic.width, x + buildingWidth); c++) {
                    top[c] = bottom - buildingHeight;
                    left[c] = x;
                    right[c] = x + buildingWidth;
                }
                if (random.chance(0.15)) {
                    int mast = Math.max(1, (int) (pic.unit * 0.003));
                    int mastHeight = buildingHeight + (int) (pic.unit * random.range(0.02, 0.06));
                    int mastX = x + buildingWidth / 2;
                    for (int c = Math.max(0, mastX); c < Math.min(pic.width, mastX + mast); c++) {
                        top[c] = bottom - mastHeight;
                        left[c] = -1;
                    }
                }
                minTop = Math.min(minTop, bottom - buildingHeight - (int) (pic.unit * 0.06));
                x += buildingWidth + gap;
            }
            int colour = far
                    ? Colors.lerp(pic.palette.far(), pic.palette.horizon(), 0.35)
                    : Colors.lerp(pic.palette.near(), Colors.BLACK, 0.15);
            int pitch = Math.max(3, (int) (pic.unit * (far ? 0.009 : 0.013)));
            int window = Math.max(1, pitch * 11 / 20);
            int lit = far ? Colors.lerp(colour, litColour, 0.6) : litColour;
            long windowSeed = random.nextLong();
            int threshold = (int) (litShare * (far ? 0.7 : 1) * 256);
            for (int y = Math.max(0, minTop); y < bottom; y++) {
                int offset = y * pic.width;
                for (int c = 0; c < pic.width; c++) {
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
                    pic.canvas.pixels[offset + c] = 0xFF000000 | pixel;
                }
            }
        }
    }

    /** Pine trees: a far row on the horizon and, unless the floor is water, a sparse near row. */
    static void paintForest(PreviewRenderer pic) {
        SeededRandom random = pic.stream(PreviewRenderer.FOREST_STREAM);
        int bottom = pic.hasFloor ? pic.horizon : pic.height;
        int farColour = Colors.lerp(Colors.lerp(pic.palette.near(), pic.palette.far(), 0.5), pic.palette.horizon(), 0.2);
        // Steps of at least a pixel keep the work bounded on extreme sizes (a 4096x4 strip).
        for (double x = -random.range(0, pic.unit * 0.03); x < pic.width + pic.unit * 0.05;
                x += Math.max(1, pic.unit * random.range(0.018, 0.04))) {
            double treeHeight = pic.unit * random.range(0.06, 0.13);
            double base = bottom + (pic.hasFloor ? pic.unit * random.range(0, 0.015) : 0);
            LandLayers.paintTree(pic, x, base, treeHeight, treeHeight * random.range(0.32, 0.45), farColour);
        }
        if (pic.hasFloor && !pic.scene.has(Element.WAVES)) {
            int nearColour = Colors.lerp(pic.palette.near(), Colors.BLACK, 0.3);
            for (double x = random.range(0, pic.unit * 0.1); x < pic.width; x += Math.max(1, pic.unit * random.range(0.07, 0.18))) {
                if (random.chance(0.4)) {
                    continue;
                }
                double treeHeight = pic.unit * random.range(0.16, 0.34);
                double base = pic.horizon + (pic.height - pic.horizon) * random.range(0.15, 0.6);
                LandLayers.paintTree(pic, x, base, treeHeight, treeHeight * random.range(0.3, 0.42), nearColour);
            }
        }
    }

    static void paintTree(PreviewRenderer pic, double centre, double base, double treeHeight, double treeWidth, int colour) {
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
            pic.canvas.fillSpan(y, centre - halfWidth, centre + halfWidth, colour, 255);
        }
    }

    static void paintGround(PreviewRenderer pic) {
        int far = Colors.lerp(pic.palette.ground(), pic.palette.horizon(), 0.45);
        int near = Colors.lerp(pic.palette.ground(), Colors.BLACK, 0.15);
        double depth = Math.max(1, pic.height - pic.horizon);
        for (int y = pic.horizon; y < pic.height; y++) {
            pic.fillRowMix(y, 0, pic.width, far, near, Math.sqrt((y - pic.horizon) / depth));
        }
        if (pic.scene.has(Element.GRID)) {
            LandLayers.paintGrid(pic);
        }
    }

    /** A perspective grid converging on a vanishing point on the horizon, glowing where it meets the sky. */
    static void paintGrid(PreviewRenderer pic) {
        SeededRandom random = pic.stream(PreviewRenderer.FLOOR_STREAM);
        int colour = pic.palette.accent();
        double depth = Math.max(1, pic.height - pic.horizon);
        double vanishX = pic.width * random.range(0.4, 0.6);
        double phase = random.range(0, 1);
        double cell = pic.unit * random.range(0.09, 0.16);
        double lineWidth = Math.max(1, pic.unit * 0.0035);
        // Horizontal lines at equal world distances: screen rows pic.horizon + depth / z.
        for (int k = 0; ; k++) {
            double z = 1 + (k + phase) * 0.45;
            double y = pic.horizon + depth / z;
            double closeness = (y - pic.horizon) / depth;
            if (y - pic.horizon < 2) {
                break;
            }
            double thickness = Math.max(0.6, lineWidth * closeness);
            int alpha = (int) (255 * (0.35 + 0.65 * closeness));
            int first = (int) Math.floor(y - thickness / 2);
            int last = (int) Math.floor(y + thickness / 2);
            for (int row = first; row <= last; row++) {
                double cover = Math.min(row + 1, y + thickness / 2) - Math.max(row, y - thickness / 2);
                if (cover > 0 && row >= pic.horizon) {
                    pic.canvas.fillSpan(row, 0, pic.width, colour, (int) (alpha * Math.min(1, cover)));
                }
            }
        }
        // Lines running away from the viewer, spaced {@code cell} apart at the bottom row.
        int lines = (int) Math.ceil(pic.width / cell) * 3;
        for (int y = pic.horizon; y < pic.height; y++) {
            double closeness = (y + 0.5 - pic.horizon) / depth;
            double spacing = cell * closeness;
            if (spacing < 2) {
                continue;
            }
            double thickness = Math.max(0.6, lineWidth * closeness);
            int alpha = (int) (255 * (0.35 + 0.65 * closeness));
            for (int j = -lines; j <= lines; j++) {
                double x = vanishX + j * spacing;
                if (x < -thickness || x > pic.width + thickness) {
                    continue;
                }
                pic.canvas.fillSpan(y, x - thickness / 2, x + thickness / 2, colour, alpha);
            }
        }
        int glowRows = Math.max(2, (int) (pic.unit * 0.03));
        for (int y = Math.max(0, pic.horizon - glowRows / 3); y < Math.min(pic.height, pic.horizon + glowRows); y++) {
            double g = 1 - Math.abs(y - pic.horizon) / (double) glowRows;
            pic.canvas.fillSpan(y, 0, pic.width, colour, (int) (150 * g * g));
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
    static void paintWaves(PreviewRenderer pic) {
        SeededRandom random = pic.stream(PreviewRenderer.FLOOR_STREAM);
        int far = Colors.lerp(pic.palette.horizon(), pic.palette.water(), 0.35);
        int near = pic.palette.water();
        int light = Colors.lerp(pic.palette.horizon(), Colors.WHITE, 0.35);
        int dark = Colors.lerp(pic.palette.water(), Colors.BLACK, 0.35);
        double depth = Math.max(1, pic.height - pic.horizon);
        for (int y = pic.horizon; y < pic.height; y++) {
            pic.fillRowMix(y, 0, pic.width, far, near, StrictMath.pow((y + 0.5 - pic.horizon) / depth, 0.6));
        }
        boolean reflection = pic.sun != null && pic.sun.y() < pic.horizon;
        int glitterColour = Colors.lerp(pic.palette.sun(), Colors.WHITE, 0.2);
        double y = pic.horizon + 1;
        while (y < pic.height) {
            double t = (y - pic.horizon) / depth;
            int thickness = Math.max(1, (int) Math.round(pic.unit * (0.0012 + 0.006 * t)));
            int row = (int) y;
            // Highlights and shadows along the whole row.
            double x = -random.range(0, pic.unit * 0.05);
            while (x < pic.width) {
                double length = pic.unit * (0.008 + 0.09 * t) * random.range(0.3, 1.7);
                boolean highlight = random.chance(0.6);
                int alpha = (int) ((highlight ? 70 : 45) + 90 * t);
                for (int k = 0; k < thickness; k++) {
                    pic.canvas.fillSpan(row + k, x, x + length, highlight ? light : dark, alpha);
                }
                x += length + Math.max(1, pic.unit * (0.01 + 0.08 * t) * random.range(0.5, 2.5));
            }
            // The pic.sun's path: a few dashes within a band that widens towards the viewer.
            if (reflection) {
                double half = pic.sun.radius() * (0.4 + 1.6 * t);
                int alpha = (int) (210 * (1 - 0.45 * t));
                double left = pic.sun.x() - half * random.range(0.2, 1.0);
                double right = pic.sun.x() + half * random.range(0.2, 1.0);
                double cursor = left;
                while (cursor < right) {
                    double length = (right - left) * random.range(0.15, 0.6);
                    for (int k = 0; k < thickness; k++) {
                        pic.canvas.fillSpan(row + k, cursor, Math.min(right, cursor + length), glitterColour, alpha);
                    }
                    cursor += length + (right - left) * random.range(0.05, 0.25);
                }
            }
            y += thickness + Math.max(1, pic.unit * (0.003 + 0.035 * t * t) * random.range(0.6, 1.4));
        }
    }

    static void paintSnow(PreviewRenderer pic) {
        SeededRandom random = pic.stream(PreviewRenderer.SNOW_STREAM);
        int count = (int) ((double) pic.width * pic.height / 700);
        double size = Math.max(0.75, pic.unit / 1024);
        for (int i = 0; i < count; i++) {
            double x = random.range(0, pic.width);
            double y = random.range(0, pic.height);
            double radius = size * random.range(0.6, 2.2);
            double a = random.nextDouble();
            pic.canvas.fillDisc(x, y, radius, 0xF6F9FF, (int) (255 * (0.45 + 0.5 * a * a)));
        }
    }
}
