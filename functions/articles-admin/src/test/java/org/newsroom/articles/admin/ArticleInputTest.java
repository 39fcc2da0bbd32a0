package org.newsroom.articles.admin;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ArticleInputTest {

    private static String words(int count) {
        return "word ".repeat(count);
    }

    @Test
    void readingTimeMinutes_shouldBeAtLeastOne() {
        assertEquals(1, ArticleInput.readingTimeMinutes(""));
        assertEquals(1, ArticleInput.readingTimeMinutes("   "));
        assertEquals(1, ArticleInput.readingTimeMinutes("One"));
    }

    @Test
    void readingTimeMinutes_shouldRoundUpAt230WordsPerMinute() {
        assertEquals(1, ArticleInput.readingTimeMinutes(words(230)));
        assertEquals(2, ArticleInput.readingTimeMinutes(words(231)));
        assertEquals(2, ArticleInput.readingTimeMinutes(words(460)));
        assertEquals(3, ArticleInput.readingTimeMinutes(words(461)));
    }

    @Test
    void readingTimeMinutes_shouldCountWordsAcrossAnyWhitespace() {
        assertEquals(2, ArticleInput.readingTimeMinutes("\n word\t".repeat(231)));
    }
}
