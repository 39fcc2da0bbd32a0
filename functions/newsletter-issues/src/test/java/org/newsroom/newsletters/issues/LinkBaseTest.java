package org.newsroom.newsletters.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinkBaseTest {

    @Test
    void of_shouldUseThePublicUrlWithoutTrailingSlashes_whenConfigured() {
        LinkBase links = new LinkBase(Optional.of("https://api.example.org//"));

        assertEquals("https://api.example.org", links.of(TestRequests.onHost("abc.execute-api")));
    }

    @Test
    void of_shouldUseTheRequestsHost_whenNoPublicUrl() {
        LinkBase links = new LinkBase(Optional.empty());

        assertEquals(
                "https://abc.execute-api.example.com",
                links.of(TestRequests.onHost("abc.execute-api.example.com")));
        assertEquals("https://localhost", links.of(TestRequests.onHost(null)));
    }
}
