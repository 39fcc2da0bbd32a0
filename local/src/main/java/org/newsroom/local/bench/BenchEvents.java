package org.newsroom.local.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newsroom.articles.ArticleItems;
import org.newsroom.core.config.Config;
import org.newsroom.core.crypto.Pepper;
import org.newsroom.core.email.AddressKeys;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.core.json.ArrayNode;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.json.ObjectNode;
import org.newsroom.issues.DynamoDbIssueRepository;
import org.newsroom.issues.IssueRepository;
import org.newsroom.local.LocalStack;
import org.newsroom.local.SampleNewsletters;
import org.newsroom.memberships.DynamoDbGiftJobQueue;
import org.newsroom.memberships.DynamoDbGiftRepository;
import org.newsroom.memberships.Gift;
import org.newsroom.memberships.GiftAddress;
import org.newsroom.memberships.GiftCodes;
import org.newsroom.memberships.GiftJob;
import org.newsroom.memberships.MembershipItems;
import org.newsroom.memberships.MembershipTable;
import org.newsroom.memberships.MembershipTableSettings;
import org.newsroom.memberships.StripeSignature;
import org.newsroom.memberships.StripeWebhookSecrets;
import org.newsroom.memberships.WriteResult;
import org.newsroom.newsletters.signup.SignupService;
import org.newsroom.subscriptions.Consent;
import org.newsroom.subscriptions.DynamoDbSubscriptionRepository;
import org.newsroom.subscriptions.SubscriptionItems;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The event each measured invocation gets: the function's {@code BenchEvent} (template Metadata),
 * varied per invocation where the stored sample would otherwise take a different path on its second
 * use than on its first, so that every cold, primed and warm invocation takes the path a typical
 * production request takes:
 *
 * <ul>
 *   <li>ArticlesAdminFunction: a cold or primed run's PUT names a new slug, so it creates an
 *       article (the same slug again would be refused with 428, as it exists); a warm invocation
 *       replaces one seeded article with {@code If-Match: *}, an editor's everyday save (validated,
 *       cleaned, related stories chosen again, written in one transaction). Replacing keeps the
 *       table the same size: hundreds of creates would grow it, and the emulator copies a whole
 *       table for every item of a transaction, so the last invocations would measure the emulator's
 *       copying rather than the same save as the first.
 *   <li>StripeWebhookFunction: a new event id, checkout session, customer, subscription and payer
 *       each time, signed now with the function's secret, so each one starts a membership (the same
 *       event again is a duplicate, acknowledged without writing).
 *   <li>ConfirmationMailerFunction: a new signup is written first (as the signup function writes
 *       it), and the stream record names its confirmation request, so each one sends an email (the
 *       sample's request does not exist in the emulator, and a sent one is never sent again).
 *   <li>IssueSenderFunction: the batch names an issue that exists and is sending, and as many new
 *       confirmed readers as the sample names, under a new batch id, so each one mails them (the
 *       sample's issue does not exist, and a reader is never mailed an issue twice).
 *   <li>BounceHandlerFunction: the bounce is of a new confirmed reader's address each time, so each
 *       one suppresses the address and its subscription (the same address again finds it suppressed
 *       already).
 *   <li>GiftRedeemFunction: a gift is bought and its code issued first (as the webhook and the gift
 *       mailer do), and the request redeems that code, from a client address of its own, so each
 *       one creates a gift membership (the sample's code is unknown: 404; a redeemed one answers
 *       409; and the function allows one client address ten attempts an hour).
 *   <li>GiftMailerFunction: a gift bought the day before for delivery today is recorded first, its
 *       recipient's mail the one job due, so each scheduled run issues its code and sends one email
 *       (without it the run finds nothing due).
 * </ul>
 *
 * The other functions' samples take the same path every time and are used as stored. {@link
 * #prepare} also seeds the newsletter catalogue of {@code local/sample/newsletters.json}, without
 * which the catalogue, the issues and the sender's events meet an empty table.
 */
final class BenchEvents {

    static final String ADMIN = "ArticlesAdminFunction";
    static final String WEBHOOK = "StripeWebhookFunction";
    static final String MAILER = "ConfirmationMailerFunction";
    static final String SENDER = "IssueSenderFunction";
    static final String ISSUES = "NewsletterIssuesFunction";
    static final String BOUNCES = "BounceHandlerFunction";
    static final String GIFT_REDEEM = "GiftRedeemFunction";
    static final String GIFT_MAILER = "GiftMailerFunction";

    /**
     * The first client address number of the redemptions' cold and primed runs ({@link
     * WarmPathBench#fromClient}: 10.16.0.0 on), apart from the warm loop's (10.0.0.0 on).
     */
    static final int REDEEM_CLIENTS = 1 << 20;

    /** The bounced recipient of the bounce handler's sample. */
    static final String BOUNCED = "bounced@example.org";

    /** The feed's default page size (articles-read's {@code ListingQuery.DEFAULT_LIMIT}). */
    static final int FEED_PAGE = 20;

    private final Path root;
    private final LocalStack stack;
    // Distinguishes this benchmark's ids from any left in a reused emulator.
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final Path dir;
    private String issueNewsletter;
    private String issueId;

    BenchEvents(Path root, LocalStack stack) {
        this.root = root;
        this.stack = stack;
        this.dir = root.resolve("target/bench/events");
    }

    /**
     * Seeds what the events need besides themselves: the catalogue, a full first page of the feed
     * (so the feed's row reads the same page on its first run as on its last, not an empty table
     * that the admin's row fills) and the issue being sent.
     */
    void prepare(List<ColdStartBench.Target> targets) throws IOException {
        SampleNewsletters.load(root, stack);
        for (ColdStartBench.Target target : targets) {
            if (target.name().equals(ADMIN)) {
                for (int i = 0; i < FEED_PAGE; i++) {
                    String put = withSlugSuffix(Files.readString(target.event()), seededSuffix(i));
                    int status = http(ADMIN, put).getStatusCode();
                    if (status != 201) {
                        throw new IllegalStateException(
                                "Could not seed the feed: the admin answered " + status);
                    }
                }
            }
            if (target.name().equals(SENDER)) {
                seedSendingIssue(target);
            }
        }
    }

    /** The {@code n}th invocation's event of {@code target}, written to a file for the probe. */
    Path file(ColdStartBench.Target target, int n) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(target.name() + ".json");
        Files.write(file, event(target, n));
        return file;
    }

    /** The warm invocations' events, numbered from {@code first}. */
    WarmPathBench.Events warm(ColdStartBench.Target target, int first) {
        return new WarmPathBench.Events() {
            @Override
            public byte[] event(int n) throws IOException {
                if (target.name().equals(ADMIN)) {
                    return editing(Files.readString(target.event()), seededSuffix(0), first + n)
                            .getBytes(StandardCharsets.UTF_8);
                }
                return BenchEvents.this.event(target, first + n);
            }

            @Override
            public void after(int n) {
                if (target.name().equals(GIFT_REDEEM)) {
                    removeRedeemedGift(target, suffix(first + n));
                }
            }
        };
    }

    /**
     * After the probe that handled the {@code n}th event of {@code target}, untimed: removes what
     * that event added, so that the rows after it meet the tables {@link #prepare} seeded however
     * many runs there are. The admin's cold and primed PUTs each create an article; left in place,
     * they would grow the articles table by two per run, and the emulator's answers slow as it
     * grows (every index Query walks the whole table and every transaction copies its partitions):
     * after 10 runs the admin's warm saves spent 22 ms in SDK calls, against 19-20 ms with the
     * articles removed (two alternating pairs of runs).
     */
    void afterProbe(ColdStartBench.Target target, int n) {
        if (target.name().equals(ADMIN)) {
            removeArticle(stack.physicalId("ArticlesTable"), slugOf(target, n));
        }
    }

    private String slugOf(ColdStartBench.Target target, int n) {
        try {
            return Json.read(withSlugSuffix(Files.readString(target.event()), suffix(n)))
                    .path("pathParameters")
                    .path("slug")
                    .asText();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Deletes the article {@code slug}: its own items (the article, its listing entries, the
     * references to it) and its references under the stories it chose.
     */
    private void removeArticle(String table, String slug) {
        List<Map<String, AttributeValue>> items =
                stack
                        .dynamo()
                        .scanPaginator(
                                b ->
                                        b.tableName(table)
                                                .projectionExpression("#pk, #sk")
                                                .filterExpression("#pk = :pk OR #sk = :ref")
                                                .expressionAttributeNames(
                                                        Map.of(
                                                                "#pk", ArticleItems.PK,
                                                                "#sk", ArticleItems.SK))
                                                .expressionAttributeValues(
                                                        Map.of(
                                                                ":pk",
                                                                AttributeValue.fromS(
                                                                        ArticleItems.pk(slug)),
                                                                ":ref",
                                                                AttributeValue.fromS(
                                                                        ArticleItems
                                                                                        .REFERENCE_SK_PREFIX
                                                                                + slug))))
                        .items()
                        .stream()
                        .toList();
        if (items.isEmpty()) {
            throw new IllegalStateException("The bench's article " + slug + " was not stored");
        }
        items.forEach(key -> stack.dynamo().deleteItem(b -> b.tableName(table).key(key)));
    }

    /** The suffix of the {@code i}th article {@link #prepare} seeds. */
    private String seededSuffix(int i) {
        return run + "-" + i;
    }

    /**
     * The PUT of the sample article under the slug {@code <sample slug>-<suffix>}, replacing
     * whatever is stored there ({@code If-Match: *}).
     */
    static String replacing(String sample, String suffix) {
        ObjectNode event = (ObjectNode) Json.read(withSlugSuffix(sample, suffix));
        ((ObjectNode) event.get("headers")).put("if-match", "*");
        return event.toString();
    }

    /**
     * {@link #replacing} with the {@code n}th edit of the article's body (one paragraph more that
     * names the edit), so each save sanitises a body it has not seen: the path of an editor's
     * correction, not of a save that sends the same body again.
     */
    static String editing(String sample, String suffix, int n) {
        ObjectNode event = (ObjectNode) Json.read(replacing(sample, suffix));
        ObjectNode article = (ObjectNode) Json.read(event.path("body").asText());
        article.put("body", article.path("body").asText() + "<p>Correction " + n + ".</p>");
        event.put("body", article.toString());
        return event.toString();
    }

    /** The ids and addresses of the {@code n}th invocation end in this. */
    String suffix(int n) {
        return "bench-" + run + "-" + n;
    }

    /** The {@code n}th invocation's event of {@code target}. */
    byte[] event(ColdStartBench.Target target, int n) throws IOException {
        String sample = Files.readString(target.event());
        String suffix = suffix(n);
        String varied =
                switch (target.name()) {
                    case ADMIN -> withSlugSuffix(sample, suffix);
                    case WEBHOOK ->
                            newWebhookEvent(
                                    sample,
                                    suffix,
                                    webhookSecret(),
                                    Instant.now().getEpochSecond());
                    case MAILER -> newConfirmationRecord(sample, suffix);
                    case SENDER -> newBatch(sample, suffix);
                    case BOUNCES -> newBounce(sample, suffix);
                    case GIFT_REDEEM ->
                            new String(
                                    WarmPathBench.fromClient(
                                            redemption(
                                                    sample,
                                                    issuedGift(target, suffix),
                                                    recipient(suffix)),
                                            REDEEM_CLIENTS + n),
                                    StandardCharsets.UTF_8);
                    case GIFT_MAILER -> {
                        giftDueToday(target, suffix);
                        yield sample;
                    }
                    default -> sample;
                };
        return varied.getBytes(StandardCharsets.UTF_8);
    }

    /** The PUT of the sample article under the slug {@code <sample slug>-<suffix>}. */
    static String withSlugSuffix(String sample, String suffix) {
        ObjectNode event = (ObjectNode) Json.read(sample);
        String slug = event.path("pathParameters").path("slug").asText() + "-" + suffix;
        ((ObjectNode) event.get("pathParameters")).put("slug", slug);
        event.put("rawPath", "/articles/" + slug);
        ((ObjectNode) event.path("requestContext").path("http")).put("path", "/articles/" + slug);
        return event.toString();
    }

    /**
     * The sample webhook event as a new one: its event id and the ids of the objects it names
     * (session, customer, subscription) and the payer's address end in {@code suffix}, and it is
     * signed at {@code epochSecond} with {@code secret}, as the provider signs each delivery.
     */
    static String newWebhookEvent(String sample, String suffix, String secret, long epochSecond) {
        ObjectNode event = (ObjectNode) Json.read(sample);
        ObjectNode body = (ObjectNode) Json.read(event.path("body").asText());
        // The provider's ids are letters, digits and underscores.
        String idSuffix = "_" + suffix.replace('-', '_');
        body.put("id", body.path("id").asText() + idSuffix);
        ObjectNode object = (ObjectNode) body.path("data").path("object");
        for (String field : List.of("id", "customer", "subscription")) {
            if (object.path(field).isTextual()) {
                object.put(field, object.path(field).asText() + idSuffix);
            }
        }
        if (object.path("customer_details").path("email").isTextual()) {
            ((ObjectNode) object.get("customer_details"))
                    .put("email", "payer-" + suffix + "@example.org");
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        event.put("body", body.toString());
        event.put("isBase64Encoded", false);
        ObjectNode headers = (ObjectNode) event.path("headers");
        headers.put("content-length", Integer.toString(bytes.length));
        headers.put("stripe-signature", StripeSignature.header(secret, epochSecond, bytes));
        return event.toString();
    }

    /** The sample stream record, naming the confirmation request of a signup made now. */
    private String newConfirmationRecord(String sample, String suffix) {
        EmailAddress address =
                EmailAddress.parse("reader-" + suffix + "@example.org").orElseThrow();
        JsonNode record = Json.read(sample).path("Records").get(0);
        List<String> newsletters = strings(record.at("/dynamodb/NewImage/newsletters/L"));
        AddressKeys keys = addressKeys();
        Instant now = Instant.now();
        new SignupService(subscriptions(), keys, Duration.ofDays(7))
                .subscribe(address, newsletters, new Consent("api", "make bench", now), now);
        String addressId = keys.id(address);
        String sk =
                stack.dynamo()
                        .query(
                                b ->
                                        b.tableName(stack.physicalId("SubscriptionsTable"))
                                                .keyConditionExpression(
                                                        "#pk = :pk AND begins_with(#sk, :confirm)")
                                                .expressionAttributeNames(
                                                        Map.of(
                                                                "#pk",
                                                                SubscriptionItems.PK,
                                                                "#sk",
                                                                SubscriptionItems.SK))
                                                .expressionAttributeValues(
                                                        Map.of(
                                                                ":pk",
                                                                AttributeValue.fromS(addressId),
                                                                ":confirm",
                                                                AttributeValue.fromS(
                                                                        SubscriptionItems
                                                                                .CONFIRM_PREFIX))))
                        .items()
                        .get(0)
                        .get(SubscriptionItems.SK)
                        .s();
        return confirmationRecord(sample, addressId, sk, address.value());
    }

    /** The sample stream record with its keys (and its image's keys and address) replaced. */
    static String confirmationRecord(String sample, String addressId, String sk, String address) {
        ObjectNode event = (ObjectNode) Json.read(sample);
        ObjectNode dynamodb = (ObjectNode) event.path("Records").get(0).path("dynamodb");
        for (String image : List.of("Keys", "NewImage")) {
            ObjectNode item = (ObjectNode) dynamodb.path(image);
            item.putObject(SubscriptionItems.PK).put("S", addressId);
            item.putObject(SubscriptionItems.SK).put("S", sk);
        }
        ((ObjectNode) dynamodb.path("NewImage"))
                .putObject(SubscriptionItems.ADDRESS)
                .put("S", address);
        return event.toString();
    }

    /** The sample batch for the seeded issue, to as many new confirmed readers as it names. */
    private String newBatch(String sample, String suffix) throws IOException {
        JsonNode job = Json.read(Json.read(sample).path("Records").get(0).path("body").asText());
        int readers = Math.max(1, job.path("to").size());
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < readers; i++) {
            EmailAddress address =
                    EmailAddress.parse("reader-" + suffix + "-" + i + "@example.org").orElseThrow();
            ids.add(confirmedReader(address, issueNewsletter));
        }
        return batch(sample, issueNewsletter, issueId, "0-" + suffix, ids);
    }

    /** The sample bounce, of a confirmed reader subscribed just before. */
    private String newBounce(String sample, String suffix) {
        String address = "bounced-" + suffix + "@example.org";
        confirmedReader(EmailAddress.parse(address).orElseThrow(), "daily-briefing");
        return withBouncedAddress(sample, address);
    }

    /** The recipient of the gift of run {@code suffix}. */
    static String recipient(String suffix) {
        return "friend-" + suffix + "@example.org";
    }

    /**
     * The id (the provider's payment id: letters, digits and underscores) of the gift {@code
     * function}'s invocation {@code suffix} seeds: apart for each function, as both seed one per
     * invocation number.
     */
    static String giftId(String function, String suffix) {
        String kind = function.equals(GIFT_MAILER) ? "mail" : "redeem";
        return "pi_" + kind + "_" + suffix.replace('-', '_');
    }

    /** The sample redemption request, redeeming {@code code} for {@code email}. */
    static String redemption(String sample, String code, String email) {
        ObjectNode event = (ObjectNode) Json.read(sample);
        String body = Json.object().put("code", code).put("email", email).toString();
        event.put("body", body);
        event.put("isBase64Encoded", false);
        ((ObjectNode) event.path("headers"))
                .put(
                        "content-length",
                        Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        return event.toString();
    }

    /**
     * A gift bought now and its code issued, through the memberships module's own writers as the
     * webhook records a purchase and the gift mailer issues the code when it mails it (the job
     * claimed with the code's hash, then done): an unredeemed gift whose code only this run knows.
     * Returns the code.
     */
    private String issuedGift(ColdStartBench.Target target, String suffix) {
        MembershipTable table = membershipTable(target);
        DynamoDbGiftRepository gifts = new DynamoDbGiftRepository(table);
        DynamoDbGiftJobQueue queue = new DynamoDbGiftJobQueue(table);
        Instant now = Instant.now();
        String giftId = giftId(target.name(), suffix);
        GiftJob recipientMail = GiftJob.due(giftId, GiftJob.Kind.RECIPIENT_MAIL, now);
        Gift paid =
                Gift.builder(giftId, Gift.State.PAID, now)
                        .recipientEmail(recipient(suffix))
                        .purchasedAt(now)
                        .expiresAt(GiftCodes.validUntil(now))
                        .build();
        WriteResult recorded = gifts.writeGift(eventId(giftId), paid, List.of(recipientMail));
        // A stalled emulator can make the SDK retry a write that was applied: then the gift is
        // there, and the retry found its event marked.
        if (recorded != WriteResult.APPLIED && gifts.findGift(giftId).isEmpty()) {
            requireApplied(recorded, "record the gift to redeem");
        }
        String code = GiftCodes.generate();
        String hash = GiftCodes.hash(GiftCodes.normalise(code).orElseThrow());
        Gift gift = gifts.findGift(giftId).orElseThrow();
        if (!queue.claimIssuingCode(
                        recipientMail, gift, hash, now, now.plus(Duration.ofMinutes(10)))
                && !gifts.findGift(giftId).flatMap(Gift::codeHash).equals(Optional.of(hash))) {
            throw new IllegalStateException("Could not issue the code of the gift to redeem");
        }
        queue.delete(recipientMail);
        return code;
    }

    /**
     * Deletes what the redemption of run {@code suffix} left (the gift, its code, recipient and
     * event items, the gift membership and its end job), untimed after each warm invocation: the
     * emulator copies a whole table for every item of a transaction, so 600 redemptions' items
     * would make each transaction slower than the last (and stalled the emulator for over a
     * minute). The counters keep counting them.
     */
    private void removeRedeemedGift(ColdStartBench.Target target, String suffix) {
        String giftId = giftId(target.name(), suffix);
        MembershipTable table = membershipTable(target);
        List<Map<String, AttributeValue>> keys =
                new java.util.ArrayList<>(
                        List.of(
                                MembershipItems.giftKey(giftId),
                                MembershipItems.giftAddressKey(giftId, GiftAddress.Role.RECIPIENT),
                                MembershipItems.eventKey(eventId(giftId)),
                                MembershipItems.memberKey("gift-" + giftId),
                                MembershipItems.jobKey(giftId, GiftJob.Kind.MEMBERSHIP_END)));
        new DynamoDbGiftRepository(table)
                .findGift(giftId)
                .flatMap(Gift::codeHash)
                .ifPresent(hash -> keys.add(MembershipItems.codeKey(hash)));
        String name = MembershipTableSettings.from(Config.from(target.environment())).table();
        keys.forEach(key -> stack.dynamo().deleteItem(b -> b.tableName(name).key(key)));
    }

    /** The id of the purchase event that recorded {@code giftId}. */
    private static String eventId(String giftId) {
        return "evt_bench_" + giftId;
    }

    /**
     * A gift bought the day before for delivery today, its buyer's receipt sent then: its
     * recipient's mail, due since midnight (UTC), is the one gift job due, as on a delivery day.
     */
    private void giftDueToday(ColdStartBench.Target target, String suffix) {
        Instant now = Instant.now();
        Instant bought = now.minus(Duration.ofDays(1));
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Instant due = today.atStartOfDay(ZoneOffset.UTC).toInstant();
        String giftId = giftId(target.name(), suffix);
        Gift paid =
                Gift.builder(giftId, Gift.State.PAID, bought)
                        .buyerEmail("buyer-" + suffix + "@example.org")
                        .recipientEmail(recipient(suffix))
                        .recipientName("Sam")
                        .message("Happy birthday! Enjoy the reporting.")
                        .deliverOn(today)
                        .purchasedAt(bought)
                        .expiresAt(GiftCodes.validUntil(due))
                        .build();
        requireApplied(
                new DynamoDbGiftRepository(membershipTable(target))
                        .writeGift(
                                eventId(giftId),
                                paid,
                                List.of(GiftJob.due(giftId, GiftJob.Kind.RECIPIENT_MAIL, due))),
                "record the gift due today");
    }

    /** The memberships table as {@code target} finds it (its own environment). */
    private MembershipTable membershipTable(ColdStartBench.Target target) {
        return MembershipTable.create(
                stack.dynamo(),
                MembershipTableSettings.from(Config.from(target.environment())),
                Clock.systemUTC());
    }

    private static void requireApplied(WriteResult result, String what) {
        if (result != WriteResult.APPLIED) {
            throw new IllegalStateException("Could not " + what + ": " + result);
        }
    }

    /** The sample SES notification with {@link #BOUNCED} replaced by {@code address}. */
    static String withBouncedAddress(String sample, String address) {
        if (!sample.contains(BOUNCED)) {
            throw new IllegalArgumentException("The bounce sample does not name " + BOUNCED);
        }
        return sample.replace(BOUNCED, address);
    }

    /** The sample SQS batch message naming another issue, batch id and readers. */
    static String batch(
            String sample,
            String newsletter,
            String issueId,
            String batchId,
            List<String> addressIds) {
        ObjectNode event = (ObjectNode) Json.read(sample);
        ObjectNode message = (ObjectNode) event.path("Records").get(0);
        ObjectNode job = (ObjectNode) Json.read(message.path("body").asText());
        job.put("newsletter", newsletter);
        job.put("issueId", issueId);
        job.put("batch", batchId);
        ArrayNode to = job.putArray("to");
        addressIds.forEach(to::add);
        message.put("body", job.toString());
        // The runtime does not check it, but a reader of the file should not be misled.
        message.remove("md5OfBody");
        return event.toString();
    }

    /**
     * Creates the sample issue through the issues function (its own create request, in this JVM),
     * then marks it sending, as its send request and the start job would: the batches the benchmark
     * sends belong to an issue that is being sent.
     */
    private void seedSendingIssue(ColdStartBench.Target sender) throws IOException {
        JsonNode job =
                Json.read(
                        Json.read(Files.readString(sender.event()))
                                .path("Records")
                                .get(0)
                                .path("body")
                                .asText());
        issueNewsletter = job.path("newsletter").asText();
        Path create = root.resolve("events/newsletter-issues/create-issue.json");
        APIGatewayV2HTTPResponse created =
                http(ISSUES, Files.readString(create).replace("daily-briefing", issueNewsletter));
        if (created.getStatusCode() != 201) {
            throw new IllegalStateException(
                    "Could not create the issue the sender's batches belong to: "
                            + created.getStatusCode()
                            + " "
                            + created.getBody());
        }
        issueId = Json.read(created.getBody()).path("issueId").asText();
        IssueRepository issues =
                new DynamoDbIssueRepository(stack.dynamo(), stack.physicalId("IssuesTable"));
        Instant now = Instant.now();
        issues.requestSend(issueNewsletter, issueId, java.util.Optional.empty(), now);
        issues.start(issueNewsletter, issueId, now);
    }

    /** One HTTP event handled by a function of the stack, in this JVM. */
    @SuppressWarnings("unchecked")
    private APIGatewayV2HTTPResponse http(String function, String json) {
        APIGatewayV2HTTPEvent request =
                LambdaEventSerializers.serializerFor(
                                APIGatewayV2HTTPEvent.class, BenchEvents.class.getClassLoader())
                        .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        return ((RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>)
                        stack.handler(function))
                .handleRequest(request, null);
    }

    /**
     * Subscribes and confirms {@code address}, as a signup and a click on its link would; returns
     * its address id.
     */
    private String confirmedReader(EmailAddress address, String newsletter) {
        String addressId = addressKeys().id(address);
        DynamoDbSubscriptionRepository repository = subscriptions();
        Instant now = Instant.now();
        repository.requestPending(
                addressId,
                address,
                newsletter,
                new Consent("api", "make bench", now),
                now,
                now.plus(Duration.ofDays(7)));
        repository.confirm(addressId, newsletter, now);
        return addressId;
    }

    private static List<String> strings(JsonNode list) {
        List<String> values = new java.util.ArrayList<>();
        list.elements().forEachRemaining(v -> values.add(v.path("S").asText()));
        return values;
    }

    private DynamoDbSubscriptionRepository subscriptions() {
        return new DynamoDbSubscriptionRepository(
                stack.dynamo(), stack.physicalId("SubscriptionsTable"));
    }

    private AddressKeys addressKeys() {
        // The functions' own pepper, so they find these readers under the same ids.
        return new AddressKeys(Pepper.of(stack.secretValue("PepperSecret")));
    }

    private String webhookSecret() {
        return StripeWebhookSecrets.parse(stack.secretValue("StripeWebhookSecret"))
                .secrets()
                .get(0);
    }
}
