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
import org.newsroom.core.crypto.Pepper;
import org.newsroom.core.email.AddressKeys;
import org.newsroom.core.secrets.SecretSetting;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Command line: {@code ImportMembers <file.csv> [table]}. Imports existing members into the
 * memberships table and its counters (see {@link MemberImport}); safe to run again.
 *
 * <p>Uses the shell's AWS settings (credentials, region, {@code AWS_ENDPOINT_URL} for the
 * emulator). The table comes from the second argument or {@code MEMBERSHIPS_TABLE}; {@code
 * COUNTER_SHARDS} must match the deployed stack; {@code PEPPER_SECRET_ID} names the stack's pepper
 * secret ({@code <stack name>/pepper}), which keys the imported members' ids. Imported members
 * whose start falls inside the window of the campaign stored in the table (read once, at the start)
 * count for it.
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
        return run(config, dynamo, importIds(config), csv);
    }

    /**
     * The ids imported members get: keyed with the stack's pepper, read from the Secrets Manager
     * secret {@code PEPPER_SECRET_ID} names (the webhook's {@code PepperSecret}), as the webhook
     * computes them when it links a paying member to an imported one.
     */
    public static ImportIds importIds(Config config) {
        return ImportIds.peppered(
                new AddressKeys(
                        Pepper.inSecretsManager(
                                SecretSetting.require(config, "PEPPER_SECRET_ID"))));
    }

    /** The same with the given member ids (tests, or a pepper read some other way). */
    public static MemberImport.Report run(
            Config config, DynamoDbClient dynamo, ImportIds importIds, BufferedReader csv)
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
                        importIds,
                        clock);
        return new MemberImport(service).run(csv);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println(
                    "usage: ImportMembers <members.csv> [table]   (or set MEMBERSHIPS_TABLE;"
                            + " PEPPER_SECRET_ID names the stack's pepper secret)");
            System.exit(2);
        }
        if (System.getenv("PEPPER_SECRET_ID") == null
                || System.getenv("PEPPER_SECRET_ID").isBlank()) {
            System.err.println(
                    "PEPPER_SECRET_ID (make import-members PEPPER=...) must name the stack's pepper"
                            + " secret, <stack name>/pepper: it keys the imported members' ids");
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
