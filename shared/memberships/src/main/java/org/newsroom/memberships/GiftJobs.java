package org.newsroom.memberships;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.config.Config;
import org.newsroom.core.email.EmailAddress;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Command line for the operator ({@code make gift-jobs}): the gift jobs that need a person.
 *
 * <ul>
 *   <li>{@code list}: the dead-lettered jobs (gave up after every attempt) and the gifts whose
 *       recipient mail waits for a corrected address;
 *   <li>{@code retry <gift id> <kind>}: makes a dead-lettered job due now, with fresh attempts
 *       (kind as listed: RECIPIENT, RECEIPT, ADDRESS_REQUEST, MEMBERSHIP_END);
 *   <li>{@code recipient <gift id> <address>}: sets a gift's corrected recipient address and makes
 *       its recipient mail due (now, or on the delivery date); the next scheduled run sends it.
 * </ul>
 *
 * Uses the shell's AWS settings ({@code AWS_ENDPOINT_URL} for the emulator) and {@code
 * MEMBERSHIPS_TABLE}. It prints gift ids and job kinds, never an address.
 */
public final class GiftJobs {

    static final int LIMIT = 100;

    private final GiftJobQueue queue;
    private final MembershipService memberships;
    private final Clock clock;
    private final PrintStream out;

    GiftJobs(GiftJobQueue queue, MembershipService memberships, Clock clock, PrintStream out) {
        this.queue = queue;
        this.memberships = memberships;
        this.clock = clock;
        this.out = out;
    }

    public static void main(String[] args) {
        Config config = Config.from(System.getenv());
        Clock clock = Clock.systemUTC();
        try (DynamoDbClient dynamo = AwsClients.dynamoDb()) {
            MembershipTable table =
                    MembershipTable.create(dynamo, MembershipTableSettings.from(config), clock);
            // A corrected address counts nobody: any Counting would do, supporters only is exact.
            MembershipService memberships =
                    new MembershipService(
                            new DynamoDbMemberRepository(table),
                            new DynamoDbGiftRepository(table),
                            new DynamoDbProcessedEvents(table),
                            Counting.supportersOnly(),
                            ImportIds.notUsed(),
                            clock);
            int status =
                    new GiftJobs(new DynamoDbGiftJobQueue(table), memberships, clock, System.out)
                            .run(List.of(args));
            System.exit(status);
        }
    }

    /** Runs one command; the exit status (0 done, 1 nothing to do, 2 usage). */
    int run(List<String> args) {
        String command = args.isEmpty() ? "list" : args.get(0);
        switch (command) {
            case "list" -> {
                list();
                return 0;
            }
            case "retry" -> {
                if (args.size() != 3) {
                    return usage();
                }
                Optional<GiftJob.Kind> kind = kind(args.get(2));
                if (kind.isEmpty()) {
                    return usage();
                }
                if (queue.retry(args.get(1), kind.get(), clock.instant())) {
                    out.println("due again: " + args.get(1) + " " + args.get(2));
                    return 0;
                }
                out.println("no dead-lettered " + args.get(2) + " job for gift " + args.get(1));
                return 1;
            }
            case "recipient" -> {
                if (args.size() != 3) {
                    return usage();
                }
                Optional<EmailAddress> address = EmailAddress.parse(args.get(2));
                if (address.isEmpty()) {
                    out.println("That is not a valid email address; nothing changed.");
                    return 2;
                }
                MembershipService.Outcome outcome =
                        memberships.correctRecipient(args.get(1), address.get());
                if (outcome == MembershipService.Outcome.RECIPIENT_CORRECTED) {
                    out.println("recipient set; the gift email is due: " + args.get(1));
                    return 0;
                }
                out.println(
                        "no gift "
                                + args.get(1)
                                + " that can still be sent (unknown, refunded or redeemed)");
                return 1;
            }
            default -> {
                return usage();
            }
        }
    }

    private void list() {
        List<GiftJob> dead = queue.deadLettered(LIMIT);
        out.println("dead-lettered gift jobs: " + dead.size());
        for (GiftJob job : dead) {
            out.println(
                    "  "
                            + job.giftId()
                            + " "
                            + MembershipItems.storedName(job.kind())
                            + " attempts="
                            + job.attempts()
                            + " since="
                            + job.dueAt());
        }
        List<GiftJob> waiting = queue.awaitingAddress(LIMIT);
        out.println("gifts waiting for a recipient address: " + waiting.size());
        for (GiftJob job : waiting) {
            out.println("  " + job.giftId() + " due=" + job.dueAt());
        }
    }

    private static Optional<GiftJob.Kind> kind(String storedName) {
        try {
            return Optional.of(MembershipItems.kind(storedName.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private int usage() {
        out.println(
                "usage: GiftJobs list | retry <gift id> <RECIPIENT|RECEIPT|ADDRESS_REQUEST|"
                        + "MEMBERSHIP_END> | recipient <gift id> <address>");
        return 2;
    }
}
