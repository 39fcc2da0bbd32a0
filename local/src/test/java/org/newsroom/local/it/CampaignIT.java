package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.newsroom.local.it.StripeEvents.unique;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.memberships.Campaign;
import org.newsroom.memberships.CampaignCommand;
import org.newsroom.memberships.DynamoDbCampaignStore;
import org.newsroom.memberships.MembershipTable;
import org.newsroom.memberships.MembershipTableSettings;

/**
 * The campaign is an item of the memberships table: {@code make campaign} changes it on the running
 * stack, the stats show it at once (StatsCacheSeconds 0 locally) and the webhook counts for it once
 * its cached copy expires (CampaignCacheSeconds 1 locally). No restart, no parameter.
 */
class CampaignIT {

    @Test
    void campaign_shouldChangeWithTheCommand_andCountForTheNewOne_withoutARestart()
            throws Exception {
        String tableName = LocalStackSupport.stack().physicalId("MembershipsTable");
        DynamoDbCampaignStore store =
                new DynamoDbCampaignStore(
                        MembershipTable.create(
                                LocalStackSupport.stack().dynamo(),
                                new MembershipTableSettings(tableName, 10),
                                Clock.systemUTC()),
                        Clock.systemUTC());
        Optional<Campaign> sample = store.find();
        assertEquals("birthday", sample.orElseThrow().id(), "make run's sample campaign");
        String id = unique("it-campaign").replace('_', '-');
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try {
            CampaignCommand.main(
                    new String[] {
                        "put",
                        "table=" + tableName,
                        "id=" + id,
                        "title=Spring drive",
                        "goal=5",
                        "starts=" + now.minus(1, ChronoUnit.HOURS),
                        "ends=" + now.plus(1, ChronoUnit.DAYS)
                    });

            JsonNode campaign = stats().path("campaign");
            assertEquals(id, campaign.path("id").asText());
            assertEquals("Spring drive", campaign.path("title").asText());
            assertEquals(5, campaign.path("goal").asLong());
            assertEquals(0, campaign.path("newMembers").asLong(), "a new campaign starts at 0");

            // The webhook keeps the campaign it read for CampaignCacheSeconds (1 s locally).
            Thread.sleep(1_100);
            assertEquals(
                    200,
                    StripeEvents.deliver(
                                    StripeEvents.checkoutSubscription(unique("evt"), unique("sub")))
                            .statusCode());
            assertEquals(1, stats().path("campaign").path("newMembers").asLong());
        } finally {
            store.put(sample.get());
        }
        assertEquals("birthday", stats().path("campaign").path("id").asText());
    }

    private static JsonNode stats() {
        return Json.parse(LocalStackSupport.get("/memberships/stats").body());
    }
}
