package org.newsroom.articles.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.ObjectNode;

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

    @Test
    void words_shouldCountAsSplittingOnWhitespaceDoes_overManyTexts() {
        // The characters around the separators that matter: ASCII whitespace, Unicode spaces
        // that are not ASCII (no-break, em, line separator), and ordinary letters.
        char[] alphabet = {
            'a', 'Z', '9', '.', ' ', '\t', '\n', '\u000B', '\f', '\r', '\u00A0', '\u2003', '\u2028',
            '\u3000', '\u001F', '\u00E9'
        };
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(16);
            for (int j = 0; j < length; j++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String stripped = text.toString().strip();
            int expected = stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
            assertEquals(expected, ArticleInput.words(stripped), () -> "words in [" + text + "]");
        }
    }

    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    private static ObjectNode valid() {
        ObjectNode json = Json.object();
        json.put("headline", "Harbour bridge repairs")
                .put("summary", "Six weeks of lane closures.")
                .put("body", "<p>Repairs begin.</p>")
                .put("section", "city");
        json.putArray("authors").add("Ana Reyes");
        return json;
    }

    @Test
    void parse_shouldRejectBody_whenCleaningMakesItTooLargeToStore() {
        // GIVEN links that cleaning lengthens with rel="noopener noreferrer" past the byte limit
        ObjectNode json = valid();
        json.put("body", "<a href=https://a>x</a>".repeat(8_700));

        // WHEN
        ArticleInput.Result result = ArticleInput.parse("many-links", json, NOW);

        // THEN
        assertNull(result.article());
        assertEquals("body", result.errors().get(0).field());
    }

    @Test
    void parse_shouldRejectBody_whenElementsNestTooDeepToKeepWhatLiesDeeper() {
        ObjectNode json = valid();
        json.put("body", "<div>".repeat(300) + "deep text" + "</div>".repeat(300));

        ArticleInput.Result result = ArticleInput.parse("too-deep", json, NOW);

        assertNull(result.article());
        assertEquals("body", result.errors().get(0).field());
        assertTrue(result.errors().get(0).message().contains("255"), result.errors().toString());
    }

    @Test
    void parse_shouldRejectPublishTime_whenYearHasMoreThanFourDigits() {
        ObjectNode json = valid();
        json.put("publishedAt", "+10000-01-01T00:00:00Z");

        ArticleInput.Result result = ArticleInput.parse("far-future", json, NOW);

        assertNull(result.article());
        assertEquals("publishedAt", result.errors().get(0).field());
    }

    @Test
    void parse_shouldAcceptScheduledPublishTime_withinFourDigitYears() {
        ObjectNode json = valid();
        json.put("publishedAt", "2999-01-01T00:00:00Z");

        ArticleInput.Result result = ArticleInput.parse("next-millennium", json, NOW);

        assertNotNull(result.article(), () -> result.errors().toString());
        assertEquals(Instant.parse("2999-01-01T00:00:00Z"), result.article().publishedAt());
    }
}
