package org.newsroom.newsletters.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IssueIdsTest {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    @Test
    void idTime_shouldWriteWhatTheFormatterWrites_overManyInstants() {
        Random random = new Random(7);
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            long seconds = (long) (random.nextDouble() * to);
            int nanos = i % 2 == 0 ? 0 : random.nextInt(1_000_000_000);
            Instant now = Instant.ofEpochSecond(seconds, nanos);
            assertEquals(
                    IssueService.ID_TIME.format(now), IssueService.idTime(now), now.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999Z",
                "2026-11-29T09:15:00.123456789Z",
                "2028-02-29T23:59:59Z",
                "9999-12-31T23:59:59.999999999Z",
                "+10000-01-01T00:00:00Z",
                "0001-01-01T00:00:00Z"
            })
    void idTime_shouldWriteWhatTheFormatterWrites_atTheEdges(String text) {
        Instant now = Instant.parse(text);
        assertEquals(IssueService.ID_TIME.format(now), IssueService.idTime(now));
    }

    @Test
    void newIssueId_shouldBeTheTimeADashAndSixCharactersOfTheAlphabet() {
        Instant now = Instant.parse("2026-11-29T09:15:00.250Z");
        String id = IssueService.newIssueId(now);
        assertEquals(23, id.length(), id);
        assertTrue(id.startsWith("20261129t091500z-"), id);
        id.substring(17).chars().forEach(c -> assertTrue(ALPHABET.indexOf(c) >= 0, id));
    }

    @Test
    void randomId_shouldUseEveryCharacterOfTheAlphabetAtEveryPosition() {
        // 16 characters take two draws: every position, in both, takes all 36 characters.
        int length = 16;
        Set<Character>[] seen = newSets(length);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            String id = IssueService.randomId(length);
            assertEquals(length, id.length());
            ids.add(id);
            for (int p = 0; p < length; p++) {
                assertTrue(ALPHABET.indexOf(id.charAt(p)) >= 0, id);
                seen[p].add(id.charAt(p));
            }
        }
        assertEquals(5_000, ids.size());
        for (int p = 0; p < length; p++) {
            assertEquals(36, seen[p].size(), "position " + p);
        }
    }

    @Test
    void randomId_shouldSpreadCharactersEvenly() {
        int[] counts = new int[ALPHABET.length()];
        int draws = 36_000;
        for (int i = 0; i < draws / 6; i++) {
            IssueService.randomId(6).chars().forEach(c -> counts[ALPHABET.indexOf(c)]++);
        }
        // 1,000 expected each; a deviation past 250 (about 8 standard deviations) is a bias.
        for (int i = 0; i < counts.length; i++) {
            assertTrue(Math.abs(counts[i] - 1_000) < 250, ALPHABET.charAt(i) + ": " + counts[i]);
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<Character>[] newSets(int n) {
        Set<Character>[] sets = new Set[n];
        for (int i = 0; i < n; i++) {
            sets[i] = new HashSet<>();
        }
        return sets;
    }
}
