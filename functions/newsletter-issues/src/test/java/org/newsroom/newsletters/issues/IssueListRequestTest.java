package org.newsroom.newsletters.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newsroom.core.http.ProblemException;

class IssueListRequestTest {

    private static final String CURSOR =
            Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            "ISSUE#20261201t065500z-abc123".getBytes(StandardCharsets.UTF_8));

    @Test
    void parse_shouldGiveTheFirstDefaultPage_whenTheQueryIsEmpty() {
        assertEquals(
                new IssueListRequest(IssueListRequest.DEFAULT_PAGE, Optional.empty()),
                IssueListRequest.parse(TestRequests.query(Map.of())));
    }

    @Test
    void parse_shouldKeepTheLimitAndCursor_whenValid() {
        assertEquals(
                new IssueListRequest(IssueListRequest.MAX_PAGE, Optional.of(CURSOR)),
                IssueListRequest.parse(
                        TestRequests.query(
                                Map.of(
                                        "limit",
                                        "" + IssueListRequest.MAX_PAGE,
                                        "cursor",
                                        CURSOR))));
        assertEquals(1, IssueListRequest.parse(TestRequests.query(Map.of("limit", "1"))).limit());
    }

    @Test
    void parse_shouldAnswer400OnTheLimit_whenOutOfRangeOrNotANumber() {
        for (String limit : new String[] {"0", "101", "-5", "ten", "2.5", ""}) {
            ProblemException e =
                    assertThrows(
                            ProblemException.class,
                            () ->
                                    IssueListRequest.parse(
                                            TestRequests.query(Map.of("limit", limit))),
                            limit);
            assertEquals(400, TestRequests.status(e));
            assertEquals("limit", e.problem().errors().get(0).field());
        }
    }

    @Test
    void parse_shouldAnswer400OnTheCursor_whenItIsNotOneWeGave() {
        ProblemException e =
                assertThrows(
                        ProblemException.class,
                        () ->
                                IssueListRequest.parse(
                                        TestRequests.query(Map.of("cursor", "bm90LWEtY3Vyc29y"))));

        assertEquals(400, TestRequests.status(e));
        assertEquals("cursor", e.problem().errors().get(0).field());
    }
}
