package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.newsroom.local.it.StripeEvents.unique;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;

/** GET /memberships/stats and /memberships/plans through the local API. */
class MembershipStatsIT {

    @Test
    void stats_shouldAnswer304ForItsETag_andANewETagOnceTheCountChanges() {
        HttpResponse<String> first = LocalStackSupport.get("/memberships/stats");
        assertEquals(200, first.statusCode());
        assertEquals(
                "application/json; charset=utf-8",
                first.headers().firstValue("content-type").orElse(""));
        String cacheControl = first.headers().firstValue("cache-control").orElse("");
        assertTrue(cacheControl.startsWith("public, max-age="), cacheControl);
        assertTrue(cacheControl.contains("stale-while-revalidate="), cacheControl);
        String etag = first.headers().firstValue("etag").orElseThrow();
        JsonNode body = Json.parse(first.body());
        assertEquals("birthday", body.path("campaign").path("id").asText());
        assertEquals(1000, body.path("campaign").path("goal").asLong());

        HttpResponse<String> again =
                LocalStackSupport.get("/memberships/stats", "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
        assertEquals(etag, again.headers().firstValue("etag").orElse(""));

        assertEquals(
                200,
                StripeEvents.deliver(
                                StripeEvents.checkoutSubscription(unique("evt"), unique("sub")))
                        .statusCode());

        // The local stack caches for 0 s, so the new count shows at once.
        HttpResponse<String> changed =
                LocalStackSupport.get("/memberships/stats", "If-None-Match", etag);
        assertEquals(200, changed.statusCode());
        assertEquals(
                "application/json; charset=utf-8",
                changed.headers().firstValue("content-type").orElse(""));
        assertNotEquals(etag, changed.headers().firstValue("etag").orElse(""));
        assertEquals(
                body.path("supporters").asLong() + 1,
                Json.parse(changed.body()).path("supporters").asLong());
    }

    @Test
    void plans_shouldListTheThreePaymentLinks() {
        HttpResponse<String> response = LocalStackSupport.get("/memberships/plans");
        assertEquals(200, response.statusCode());
        assertEquals(
                "application/json; charset=utf-8",
                response.headers().firstValue("content-type").orElse(""));
        JsonNode items = Json.parse(response.body()).path("items");
        assertEquals(3, items.size());
        assertEquals("monthly", items.path(0).path("id").asText());
        assertEquals("yearly", items.path(1).path("id").asText());
        assertEquals("gift", items.path(2).path("id").asText());
        assertEquals("Gift a membership", items.path(2).path("label").asText());
        assertTrue(items.path(2).path("url").asText().startsWith("https://"));
    }
}
