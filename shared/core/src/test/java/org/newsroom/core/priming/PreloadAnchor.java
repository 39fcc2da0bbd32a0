package org.newsroom.core.priming;

/** A handler stand-in with a class list of its own ({@code PreloadAnchor.classes}). */
final class PreloadAnchor {

    private PreloadAnchor() {}
}
