package org.newsroom.memberships;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.config.Config;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Command line behind {@code make campaign}: shows, sets or ends the campaign stored in the
 * memberships table. No deploy: the stats function shows a change within {@code StatsCacheSeconds},
 * the webhook and gift redemption count for it within {@code CampaignCacheSeconds}.
 *
 * <pre>
 * CampaignCommand show  [table=T]
 * CampaignCommand put   id=X title=T goal=N starts=D ends=D [table=T]
 * CampaignCommand clear [table=T]
 * </pre>
 *
 * Dates are UTC days (the end day included) or ISO instants. Uses the shell's AWS settings ({@code
 * AWS_ENDPOINT_URL} for the emulator); the table comes from {@code table=} or {@code
 * MEMBERSHIPS_TABLE}. Input that is not a valid campaign is refused with the reason and nothing is
 * written.
 */
public final class CampaignCommand {

    private CampaignCommand() {}

    public static void main(String[] args) {
        if (args.length < 1 || !args[0].matches("show|put|clear")) {
            usage("");
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                usage("Not a name=value option: " + args[i]);
            }
            options.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Map<String, String> settings = new HashMap<>(System.getenv());
        if (!options.getOrDefault("table", "").isBlank()) {
            settings.put("MEMBERSHIPS_TABLE", options.get("table"));
        }
        Campaign campaign = null;
        if (args[0].equals("put")) {
            try {
                campaign =
                        Campaign.parse(
                                options.get("id"),
                                options.get("title"),
                                options.get("goal"),
                                options.get("starts"),
                                options.get("ends"));
            } catch (IllegalArgumentException e) {
                usage(e.getMessage() + "; nothing was written.");
            }
        }
        MembershipTableSettings tableSettings = MembershipTableSettings.from(Config.from(settings));
        Clock clock = Clock.systemUTC();
        try (DynamoDbClient dynamo = AwsClients.dynamoDb()) {
            MembershipTable table = MembershipTable.create(dynamo, tableSettings, clock);
            CampaignStore store = new DynamoDbCampaignStore(table, clock);
            switch (args[0]) {
                case "put" -> {
                    store.put(campaign);
                    System.out.println("campaign set in " + tableSettings.table() + ":");
                }
                case "clear" -> {
                    store.clear();
                    System.out.println("campaign ended in " + tableSettings.table());
                }
                default -> {}
            }
            describe(new DynamoDbSupporterCounters(table).read());
        }
    }

    private static void describe(SupporterCounters.Reading reading) {
        Optional<Campaign> campaign = reading.campaign();
        if (campaign.isEmpty()) {
            System.out.println(
                    "no campaign; " + reading.total(CounterDelta.SUPPORTERS) + " supporters");
            return;
        }
        Campaign c = campaign.get();
        System.out.println(
                "campaign "
                        + c.id()
                        + " \""
                        + c.title()
                        + "\": "
                        + reading.total(c.counterName())
                        + " of "
                        + c.goal()
                        + " new members, from "
                        + c.startsAt()
                        + " until "
                        + c.endsAt()
                        + " (excluded); "
                        + reading.total(CounterDelta.SUPPORTERS)
                        + " supporters");
    }

    private static void usage(String problem) {
        if (!problem.isEmpty()) {
            System.err.println(problem);
        }
        System.err.println(
                "usage: CampaignCommand show|clear [table=T]\n"
                        + "       CampaignCommand put id=birthday title='1,000 new members'"
                        + " goal=1000 starts=2026-11-01 ends=2026-11-30 [table=T]");
        System.exit(2);
    }
}
