package org.newsroom.memberships;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.config.Config;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Command line: {@code ImportMembers <file.csv> [table]}. Imports existing members into the
 * memberships table and its counters (see {@link MemberImport}); safe to run again.
 *
 * <p>Uses the shell's AWS settings (credentials, region, {@code AWS_ENDPOINT_URL} for the
 * emulator). The table comes from the second argument or {@code MEMBERSHIPS_TABLE}; {@code
 * COUNTER_SHARDS} must match the deployed stack. Imported members whose start falls inside the
 * window of the campaign stored in the table (read once, at the start) count for it.
 */
public final class ImportMembers {

    private ImportMembers() {}

    /**
     * Imports {@code csv} into the table {@code config} names ({@code MEMBERSHIPS_TABLE}, {@code
     * COUNTER_SHARDS}; the campaign stored in that table): the path of this command, also taken by
     * the local stack's sample members.
     */
    public static MemberImport.Report run(Config config, DynamoDbClient dynamo, BufferedReader csv)
            throws IOException {
        Clock clock = Clock.systemUTC();
        MembershipTable table =
                MembershipTable.create(dynamo, MembershipTableSettings.from(config), clock);
        MembershipService service =
                new MembershipService(
                        new DynamoDbMemberRepository(table),
                        new DynamoDbGiftRepository(table),
                        new DynamoDbProcessedEvents(table),
                        new DynamoDbCampaignStore(table, clock)
                                .find()
                                .map(Counting::withCampaign)
                                .orElse(Counting.supportersOnly()),
                        clock);
        return new MemberImport(service).run(csv);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println(
                    "usage: ImportMembers <members.csv> [table]   (or set MEMBERSHIPS_TABLE)");
            System.exit(2);
        }
        Map<String, String> settings = new HashMap<>(System.getenv());
        if (args.length == 2) {
            settings.put("MEMBERSHIPS_TABLE", args[1]);
        }
        Config config = Config.from(settings);
        try (DynamoDbClient dynamo = AwsClients.dynamoDb();
                BufferedReader reader =
                        Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            MemberImport.Report report = run(config, dynamo, reader);
            report.problems().forEach(problem -> System.err.println("skipped: " + problem));
            System.out.println(
                    "imported "
                            + report.imported()
                            + ", already present "
                            + report.alreadyPresent()
                            + ", skipped "
                            + report.problems().size());
            if (!report.problems().isEmpty()) {
                System.exit(1);
            }
        }
    }
}
