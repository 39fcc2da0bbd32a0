package org.newsroom.core.priming;

/** Named by {@code PreloadAnchor.classes}; its initialiser must not run when it is preloaded. */
final class PreloadListedFirst {

    static {
        ClassPreloadTest.INITIALISED.add(PreloadListedFirst.class.getName());
    }

    private PreloadListedFirst() {}
}
