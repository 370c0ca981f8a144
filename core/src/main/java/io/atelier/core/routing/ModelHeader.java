package io.atelier.core.routing;

/** The response header that names the catalog model that rendered (or will render) an answer's images. */
public final class ModelHeader {

    public static final String NAME = "X-Atelier-Model";

    private ModelHeader() {
    }
}
