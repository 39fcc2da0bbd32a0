package org.newsroom.articles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ArticleSummaryTest {

    private static final Instant AT = Instant.parse("2026-11-30T09:00:00Z");

    private static final RecordComponent[] COMPONENTS = ArticleSummary.class.getRecordComponents();

    /** For each component, a value other than {@link #summary()}'s. */
    private static final Map<String, Object> OTHER =
            Map.of(
                    "slug",
                    "other",
                    "headline",
                    "Other",
                    "summary",
                    "Other.",
                    "authors",
                    List.of("Other"),
                    "section",
                    "sport",
                    "tags",
                    List.of("bridges", "transport"),
                    "publishedAt",
                    AT.plusSeconds(1),
                    "readingTimeMinutes",
                    5,
                    "featured",
                    true,
                    "hasAudio",
                    false);

    private static ArticleSummary summary() {
        return new ArticleSummary(
                "harbour-bridge",
                "Harbour bridge repairs",
                "Six weeks of lane closures.",
                new ArrayList<>(List.of("Ana Reyes")),
                "city",
                new ArrayList<>(List.of("transport", "bridges")),
                AT,
                4,
                false,
                true);
    }

    @Test
    void equals_shouldHoldForEqualComponents_withEqualHashCodes() {
        ArticleSummary one = summary();
        ArticleSummary other = summary();

        assertEquals(one, other);
        assertEquals(one.hashCode(), other.hashCode());
        assertNotEquals(one, null);
        assertNotEquals(one, "harbour-bridge");
    }

    @Test
    void equals_shouldFail_whenAnyOneComponentDiffers() throws Exception {
        ArticleSummary s = summary();
        List<ArticleSummary> differing = new ArrayList<>();
        for (Map.Entry<String, Object> change : OTHER.entrySet()) {
            differing.add(with(s, change.getKey(), change.getValue()));
        }
        differing.add(with(s, "publishedAt", null));

        for (ArticleSummary variant : differing) {
            assertNotEquals(s, variant, variant.toString());
            assertNotEquals(variant, s, variant.toString());
        }
    }

    @Test
    void equals_shouldCoverEveryComponent_soANewOneIsNotForgotten() {
        // equals and hashCode are written out: a component added to the record must be added there
        // and given another value in OTHER, or two summaries that differ in it would compare equal.
        assertEquals(10, COMPONENTS.length);
        Set<String> names =
                Arrays.stream(COMPONENTS).map(RecordComponent::getName).collect(Collectors.toSet());
        assertEquals(names, OTHER.keySet());
    }

    /** {@code summary} with the component {@code name} set to {@code value}. */
    private static ArticleSummary with(ArticleSummary summary, String name, Object value)
            throws Exception {
        Object[] values = new Object[COMPONENTS.length];
        Class<?>[] types = new Class<?>[COMPONENTS.length];
        boolean found = false;
        for (int i = 0; i < COMPONENTS.length; i++) {
            types[i] = COMPONENTS[i].getType();
            found |= COMPONENTS[i].getName().equals(name);
            values[i] =
                    COMPONENTS[i].getName().equals(name)
                            ? value
                            : COMPONENTS[i].getAccessor().invoke(summary);
        }
        if (!found) {
            throw new IllegalArgumentException("No component " + name);
        }
        Constructor<ArticleSummary> canonical = ArticleSummary.class.getDeclaredConstructor(types);
        return canonical.newInstance(values);
    }
}
