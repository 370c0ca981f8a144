package io.atelier.core.gallery;

/** Order of the public gallery. */
public enum GallerySort {
    /** Most recently approved first. */
    NEWEST,
    /** Most viewed first. */
    TOP
}
