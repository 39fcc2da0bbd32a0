package org.newsroom.memberships.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.newsroom.core.config.ConfigException;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.log.Log;
import org.newsroom.memberships.Campaign;
import org.newsroom.memberships.Counting;
import org.newsroom.memberships.DynamoDbSupporterCounters;
import org.newsroom.memberships.MembershipItems;
import org.newsroom.memberships.MembershipService;
import org.newsroom.memberships.MembershipTable;
import org.newsroom.memberships.MembershipTableSettings;
import org.newsroom.memberships.SupporterStats;
import org.newsroom.memberships.testing.InMemoryMembershipTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;

class MembershipStatsHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final Campaign CAMPAIGN =
            new Campaign(
                    "birthday",
                    "1,000 new members for our birthday",
                    1000,
                    Instant.parse("2026-11-01T00:00:00Z"),
                    Instant.parse("2026-12-01T00:00:00Z"));
    private static final List<MembershipStatsHandler.Plan> PLANS =
            List.of(
                    new MembershipStatsHandler.Plan(
                            "monthly",
                            "Monthly membership",
                            URI.create("https://pay.example.org/m")),
                    new MembershipStatsHandler.Plan(
                            "yearly", "Yearly membership", URI.create("https://pay.example.org/y")),
                    new MembershipStatsHandler.Plan(
                            "gift", "Gift a membership", URI.create("https://pay.example.org/g")));

    private final InMemoryMembershipTable repository = new InMemoryMembershipTable();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private MembershipStatsHandler handler() {
        return new MembershipStatsHandler(
                new SupporterStats(repository, Duration.ZERO, clock),
                PLANS,
                Duration.ofSeconds(30),
                Duration.ofSeconds(300),
                new Log("membership-stats", new PrintStream(new ByteArrayOutputStream())));
    }

    private static APIGatewayV2HTTPEvent event(String name) {
        return EventLoader.loadApiGatewayHttpEvent(
                "../../events/membership-stats/" + name + ".json");
    }

    @Test
    void stats_shouldReportSupportersAndCampaignProgress() {
        MembershipService service = repository.service(Counting.withCampaign(CAMPAIGN), clock);
        service.startOrRenew("evt_1", "sub_1", "monthly", NOW);
        service.startOrRenew("evt_2", "sub_2", "yearly", Instant.parse("2026-01-01T00:00:00Z"));

        repository.put(CAMPAIGN);
        HttpResponse response = handler().respond(event("stats"));

        assertEquals(200, response.status());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
        assertEquals(
                "public, max-age=30, stale-while-revalidate=300", response.header("cache-control"));
        assertTrue(response.header("etag").startsWith("\""));
        JsonNode body = Json.parse(response.body());
        assertEquals(2, body.path("supporters").asLong());
        JsonNode campaign = body.path("campaign");
        assertEquals("birthday", campaign.path("id").asText());
        assertEquals("1,000 new members for our birthday", campaign.path("title").asText());
        assertEquals(1000, campaign.path("goal").asLong());
        assertEquals(1, campaign.path("newMembers").asLong());
        assertEquals("2026-11-01T00:00:00Z", campaign.path("startsAt").asText());
        assertEquals("2026-12-01T00:00:00Z", campaign.path("endsAt").asText());
    }

    @Test
    void stats_shouldGiveNullCampaign_whenNoneConfigured() {
        HttpResponse response = handler().respond(event("stats"));
        assertEquals(200, response.status());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
        assertEquals("{\"supporters\":0,\"campaign\":null}", response.body());
    }

    @Test
    void stats_shouldAnswer304_whenETagMatches_and200WhenStale() {
        repository.put(CAMPAIGN);
        MembershipStatsHandler handler = handler();
        String etag = handler.respond(event("stats")).header("etag");
        APIGatewayV2HTTPEvent conditional = event("stats-if-none-match");

        HttpResponse stale = handler.respond(conditional);
        assertEquals(200, stale.status());
        assertEquals(HttpResponse.JSON, stale.header("content-type"));

        Map<String, String> headers = new HashMap<>(conditional.getHeaders());
        headers.put("if-none-match", etag);
        conditional.setHeaders(headers);
        HttpResponse notModified = handler.respond(conditional);
        assertEquals(304, notModified.status());
        assertNull(notModified.body());
        assertNull(notModified.header("content-type"));
        assertEquals(etag, notModified.header("etag"));

        repository
                .service(Counting.withCampaign(CAMPAIGN), clock)
                .startOrRenew("evt_1", "sub_1", "monthly", NOW);
        HttpResponse changed = handler.respond(conditional);
        assertEquals(200, changed.status());
        assertEquals(HttpResponse.JSON, changed.header("content-type"));
    }

    @Test
    void plans_shouldListMonthlyYearlyAndGiftLinks() {
        HttpResponse response = handler().respond(event("plans"));
        assertEquals(200, response.status());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
        assertEquals(
                "{\"items\":[{\"id\":\"monthly\",\"label\":\"Monthly membership\",\"url\":\"https://pay.example.org/m\"},"
                        + "{\"id\":\"yearly\",\"label\":\"Yearly membership\",\"url\":\"https://pay.example.org/y\"},"
                        + "{\"id\":\"gift\",\"label\":\"Gift a membership\",\"url\":\"https://pay.example.org/g\"}]}",
                response.body());
        assertTrue(response.header("cache-control").startsWith("public, max-age="));
    }

    @Test
    void stats_shouldShowACampaignPutInTheTable_withoutANewHandler() {
        MembershipStatsHandler handler = handler();
        assertTrue(handler.respond(event("stats")).body().contains("\"campaign\":null"));

        repository.put(CAMPAIGN);
        repository.service(Counting.withCampaign(CAMPAIGN), clock).startOrRenew("e", "s", "m", NOW);

        JsonNode body = Json.parse(handler.respond(event("stats")).body());
        assertEquals("birthday", body.path("campaign").path("id").asText());
        assertEquals(1, body.path("campaign").path("newMembers").asLong());
        assertEquals(0, repository.campaignReads(), "the campaign comes with the counters");
    }

    @Test
    void stats_shouldMakeOneDynamoDbCall_whenTheCacheIsCold_andNoneWhileItIsWarm() {
        DynamoDbClient dynamo = mock(DynamoDbClient.class);
        Map<String, AttributeValue> campaignItem = new HashMap<>(MembershipItems.campaignKey());
        campaignItem.put("campaignId", AttributeValue.fromS("birthday"));
        campaignItem.put("title", AttributeValue.fromS("Birthday"));
        campaignItem.put("goal", AttributeValue.fromN("1000"));
        campaignItem.put("startsAt", AttributeValue.fromS("2026-11-01"));
        campaignItem.put("endsAt", AttributeValue.fromS("2026-11-30"));
        when(dynamo.batchGetItem(any(Consumer.class)))
                .thenReturn(
                        BatchGetItemResponse.builder()
                                .responses(
                                        Map.of(
                                                "members",
                                                List.of(
                                                        Map.of(
                                                                "pk",
                                                                AttributeValue.fromS("COUNTER#0"),
                                                                "supporters",
                                                                AttributeValue.fromN("7"),
                                                                "campaign:birthday",
                                                                AttributeValue.fromN("3")),
                                                        campaignItem)))
                                .build());
        MembershipStatsHandler handler =
                new MembershipStatsHandler(
                        new SupporterStats(
                                new DynamoDbSupporterCounters(
                                        MembershipTable.create(
                                                dynamo,
                                                new MembershipTableSettings("members", 10),
                                                clock)),
                                Duration.ofSeconds(10),
                                clock),
                        PLANS,
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(300),
                        new Log("membership-stats", new PrintStream(new ByteArrayOutputStream())));

        JsonNode body = Json.parse(handler.respond(event("stats")).body());
        assertEquals(7, body.path("supporters").asLong());
        assertEquals(3, body.path("campaign").path("newMembers").asLong());
        verify(dynamo, times(1)).batchGetItem(any(Consumer.class));
        verifyNoMoreInteractions(dynamo);

        for (int i = 0; i < 5; i++) {
            assertEquals(200, handler.respond(event("stats")).status());
        }
        verifyNoMoreInteractions(dynamo);
    }

    @Test
    void constructor_shouldFailColdStart_whenAPaymentLinkIsMissing() {
        Map<String, String> environment =
                Map.of(
                        "MEMBERSHIPS_TABLE",
                        "t",
                        "PLAN_MONTHLY_URL",
                        "https://pay.example.org/m",
                        "PLAN_YEARLY_URL",
                        "https://pay.example.org/y");
        ConfigException thrown =
                assertThrows(ConfigException.class, () -> new MembershipStatsHandler(environment));
        assertTrue(thrown.getMessage().contains("PLAN_GIFT_URL"));
    }
}
