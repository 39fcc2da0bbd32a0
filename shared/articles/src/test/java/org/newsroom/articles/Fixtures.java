package org.newsroom.articles;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Articles for the tests of this package. */
final class Fixtures {

    static final Instant PUBLISHED = Instant.parse("2026-11-25T08:30:00Z");
    static final Instant UPDATED = Instant.parse("2026-11-25T09:00:00Z");

    private Fixtures() {}

    static Article article(String slug, List<String> tags, boolean featured, boolean published) {
        return new Article(
                slug,
                "Headline " + slug,
                "Summary " + slug,
                "<p>Body</p>",
                List.of("Ana Reyes", "Li Wei"),
                "city",
                tags,
                PUBLISHED,
                UPDATED,
                3,
                Optional.of(new Audio("https://cdn.example/a.mp3", true)),
                featured,
                List.of("other-story"),
                published);
    }
}
