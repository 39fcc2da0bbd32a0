package org.newsroom.articles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArticleEtagsTest {

    @Test
    void precondition_shouldBeCreateOnly_whenNoIfMatch() {
        assertEquals(Precondition.CREATE_ONLY, ArticleEtags.precondition(Optional.empty()));
        assertEquals(Precondition.CREATE_ONLY, ArticleEtags.precondition(Optional.of(" ")));
    }

    @Test
    void precondition_shouldBeAnyRevision_forAStar() {
        assertEquals(Precondition.ANY_REVISION, ArticleEtags.precondition(Optional.of(" * ")));
    }

    @Test
    void precondition_shouldAcceptTheTagsOfWritesAndOfPublicReads() {
        String read = ArticleEtags.of(7, "{\"slug\":\"a\"}");
        String written = ArticleEtags.of(9);
        assertEquals(
                new Precondition.OneOf(Set.of(7L, 9L)),
                ArticleEtags.precondition(Optional.of(read + ", " + written)));
    }

    @Test
    void precondition_shouldMatchNothing_forWeakOrForeignTags() {
        assertEquals(
                new Precondition.OneOf(Set.of()),
                ArticleEtags.precondition(Optional.of("W/\"r7\", \"abc\", r7, \"r-1\"")));
    }

    @Test
    void of_shouldChangeWithTheRepresentation_butKeepTheRevision() {
        String one = ArticleEtags.of(3, "{\"a\":1}");
        String other = ArticleEtags.of(3, "{\"a\":2}");
        assertNotEquals(one, other);
        assertTrue(one.startsWith("\"r3-") && one.endsWith("\""), one);
    }
}
