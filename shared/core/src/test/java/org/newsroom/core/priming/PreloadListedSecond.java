package org.newsroom.core.priming;

/** Named by {@code PreloadAnchor.classes}. */
final class PreloadListedSecond {

    private PreloadListedSecond() {}
}
