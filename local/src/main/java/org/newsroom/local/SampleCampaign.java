package org.newsroom.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.memberships.Campaign;
import org.newsroom.memberships.DynamoDbCampaignStore;
import org.newsroom.memberships.MembershipTable;
import org.newsroom.memberships.MembershipTableSettings;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Puts the sample campaign of {@code local/sample/campaign.json} into the memberships table, the
 * way an operator sets one ({@code make campaign}): an item, no parameter. Every start puts it back
 * (the integration tests count against it), as every start puts {@code local/secrets.json} back.
 */
final class SampleCampaign {

    private SampleCampaign() {}

    static Optional<Campaign> load(Path root, StackModel model, DynamoDbClient dynamo)
            throws IOException {
        Path file = root.resolve("local/sample/campaign.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode json = Json.read(Files.readString(file));
        Campaign campaign =
                Campaign.parse(
                        json.path("id").asText(),
                        json.path("title").asText(),
                        json.path("goal").asText(),
                        json.path("startsAt").asText(),
                        json.path("endsAt").asText());
        Clock clock = Clock.systemUTC();
        MembershipTable table =
                MembershipTable.create(
                        dynamo,
                        new MembershipTableSettings(
                                model.physicalId("MembershipsTable"),
                                MembershipTableSettings.DEFAULT_COUNTER_SHARDS),
                        clock);
        new DynamoDbCampaignStore(table, clock).put(campaign);
        return Optional.of(campaign);
    }
}
