package org.newsroom.newsletters.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.newsroom.core.http.ProblemException;

class TestCopyRequestTest {

    @Test
    void parse_shouldGiveTheAddress_whenItIsOne() {
        assertEquals(
                "editor@example.org",
                TestCopyRequest.parse(TestRequests.json("{\"email\":\"editor@example.org\"}"))
                        .to()
                        .value());
    }

    @Test
    void parse_shouldAnswer400OnTheEmail_whenMissingNotTextOrNotAnAddress() {
        for (String body :
                new String[] {
                    "{}", "{\"email\":null}", "{\"email\":42}", "{\"email\":\"nobody\"}"
                }) {
            ProblemException e =
                    assertThrows(
                            ProblemException.class,
                            () -> TestCopyRequest.parse(TestRequests.json(body)),
                            body);
            assertEquals(400, TestRequests.status(e));
            assertEquals("email", e.problem().errors().get(0).field());
        }
    }

    @Test
    void parse_shouldAnswer415_forAFormBody() {
        ProblemException e =
                assertThrows(
                        ProblemException.class,
                        () ->
                                TestCopyRequest.parse(
                                        TestRequests.body(
                                                "application/x-www-form-urlencoded",
                                                "email=editor%40example.org")));
        assertEquals(415, TestRequests.status(e));
    }
}
