package io.atelier.core.provider.local;

import java.util.EnumSet;
import java.util.Set;

/** A composition: the set of elements a prompt gets when its words name none of a kind. */
enum Archetype {
    LANDSCAPE(Element.SUN, Element.MOUNTAINS, Element.GROUND),
    SEASCAPE(Element.SUN, Element.WAVES),
    ORBS(Element.BOKEH, Element.GRAIN),
    GEOMETRIC(Element.SUN, Element.STRIPES),
    NIGHTSCAPE(Element.SUN, Element.STARS, Element.MOUNTAINS, Element.WAVES),
    SYNTHWAVE(Element.SUN, Element.GRID, Element.MOUNTAINS),
    WOODLAND(Element.SUN, Element.MOUNTAINS, Element.FOREST, Element.GROUND),
    CITYSCAPE(Element.SUN, Element.SKYLINE, Element.WAVES);

    private final Set<Element> elements;

    Archetype(Element first, Element... rest) {
        this.elements = EnumSet.of(first, rest);
    }

    /** A fresh, mutable copy. */
    EnumSet<Element> elements() {
        return EnumSet.copyOf(elements);
    }
}
