package io.atelier.core.provider.local;

import java.util.function.IntUnaryOperator;

/**
 * The colours of one picture, by role ({@code 0xRRGGBB}).
 *
 * @param skyTop  zenith
 * @param skyMid  middle of the sky
 * @param horizon sky just above the horizon (also haze on distant layers)
 * @param sun     sun, moon and light sources
 * @param far     distant mountains and buildings
 * @param near    near mountains, trees and buildings
 * @param ground  land below the horizon
 * @param water   sea and lakes
 * @param accent  highlights: orbs, stripes, grid lines, lit windows
 */
record Palette(int skyTop, int skyMid, int horizon, int sun, int far, int near, int ground, int water, int accent) {

    static Palette of(String... hex) {
        if (hex.length != 9) {
            throw new IllegalArgumentException("a palette has 9 roles, got " + hex.length);
        }
        return new Palette(Colors.hex(hex[0]), Colors.hex(hex[1]), Colors.hex(hex[2]), Colors.hex(hex[3]),
                Colors.hex(hex[4]), Colors.hex(hex[5]), Colors.hex(hex[6]), Colors.hex(hex[7]), Colors.hex(hex[8]));
    }

    /** The same operation on every role. */
    Palette map(IntUnaryOperator operation) {
        return new Palette(operation.applyAsInt(skyTop), operation.applyAsInt(skyMid),
                operation.applyAsInt(horizon), operation.applyAsInt(sun), operation.applyAsInt(far),
                operation.applyAsInt(near), operation.applyAsInt(ground), operation.applyAsInt(water),
                operation.applyAsInt(accent));
    }

    /** Whether the sky reads as night: then the sun is drawn as a moon. */
    boolean darkSky() {
        return Colors.luma(skyTop) < 0.28 && Colors.luma(skyMid) < 0.4;
    }
}
