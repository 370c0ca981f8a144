package io.atelier.core.provider.local;

/**
 * SplitMix64, written out here so a seed gives the same picture on every JVM and release:
 * {@code SplittableRandom} and {@code ThreadLocalRandom} do not promise their algorithm, and
 * {@code Random}'s 48-bit generator is weak and synchronised. Not thread-safe; each render
 * creates its own.
 */
final class SeededRandom {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    SeededRandom(long seed) {
        this.state = seed;
    }

    /** A generator for one independent stream, e.g. one layer of one image. */
    static SeededRandom forStream(long seed, long stream) {
        return new SeededRandom(mix(seed, stream));
    }

    /** Combines two values into a well-spread 64-bit hash. */
    static long mix(long a, long b) {
        return scramble(a * GOLDEN_GAMMA + scramble(b ^ 0x632BE59BD9B4E019L));
    }

    static long scramble(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        return scramble(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [low, high). */
    double range(double low, double high) {
        return low + (high - low) * nextDouble();
    }

    /** Uniform in [0, bound); bound must be positive. */
    int nextInt(int bound) {
        return (int) ((nextLong() >>> 1) % bound);
    }

    boolean chance(double probability) {
        return nextDouble() < probability;
    }

    <T> T pick(T[] choices) {
        return choices[nextInt(choices.length)];
    }
}
