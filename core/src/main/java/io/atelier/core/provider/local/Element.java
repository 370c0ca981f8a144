package io.atelier.core.provider.local;

/** The things a preview picture can contain; each is one layer of the renderer. */
enum Element {
    /** Sun, or a moon under a dark sky. */
    SUN,
    STARS,
    /** Soft translucent orbs. */
    BOKEH,
    SNOW,
    MOUNTAINS,
    SKYLINE,
    FOREST,
    /** Sea below the horizon. */
    WAVES,
    /** Plain land below the horizon. */
    GROUND,
    /** Retro perspective grid on the ground. */
    GRID,
    STRIPES,
    /** Film grain over everything. */
    GRAIN;

    /** Elements that stand on a horizon line. */
    boolean onHorizon() {
        return this == MOUNTAINS || this == SKYLINE || this == FOREST;
    }

    /** Elements that fill the area below the horizon. */
    boolean isFloor() {
        return this == WAVES || this == GROUND || this == GRID;
    }
}
