package org.newsroom.issues;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.newsroom.core.time.Timestamps;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Item layout of the issues table.
 *
 * <ul>
 *   <li>{@code pk = "NL#<newsletter>", sk = "ISSUE#<issue id>"}: the issue's summary (subject,
 *       status, times, counts). Issue ids start with their creation time, so one Query of the
 *       newsletter's partition, backwards, lists issues newest first. Small, because the counts on
 *       it are updated once per send batch.
 *   <li>{@code pk = "NL#<newsletter>", sk = "CONTENT#<issue id>"}: subject, preheader, HTML and
 *       text (up to a few hundred KB), read once per sender container.
 *   <li>{@code pk = "ISSUE#<issue id>", sk = "TO#<address id>"}: the delivery ledger, one entry per
 *       recipient, written before the email is sent.
 *   <li>{@code pk = "ISSUE#<issue id>", sk = "BATCH#<batch id>"}: a send batch whose outcomes are
 *       counted, so a batch delivered twice is counted once.
 *   <li>{@code pk = "ISSUE#<issue id>", sk = "TEST#<copy id>"}: a test copy an editor asked for,
 *       with the address to send it to, until the issue sender has sent or refused it (deleted
 *       then; it expires after {@link #TEST_COPY_RETENTION} in any case). Its ledger entry is
 *       {@code sk = "TO#TEST#<copy id>"} ({@link #testCopyClaimId}), apart from every reader's.
 * </ul>
 *
 * Only a test-copy request holds an email address, for the minutes it waits in the send queue: the
 * ledger is keyed by the address id (a digest), and the queue's messages name the request.
 */
public final class IssueItems {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String NEWSLETTER = "newsletter";
    public static final String NEWSLETTER_NAME = "newsletterName";
    public static final String ISSUE_ID = "issueId";
    public static final String SUBJECT = "subject";
    public static final String PREHEADER = "preheader";
    public static final String HTML = "html";
    public static final String TEXT = "text";
    public static final String STATUS = "status";
    public static final String CREATED_AT = "createdAt";
    public static final String UPDATED_AT = "updatedAt";
    public static final String SEND_AT = "sendAt";
    public static final String STARTED_AT = "startedAt";
    public static final String FINISHED_AT = "finishedAt";
    public static final String RECIPIENTS = "recipients";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";
    public static final String SUPPRESSED = "suppressed";
    public static final String SKIPPED = "skipped";
    public static final String PAGES_DONE = "pagesDone";
    public static final String DISPATCHED = "dispatched";
    public static final String STATE = "state";
    public static final String AT = "at";
    public static final String EXPIRES_AT = "expiresAt";
    public static final String EMAIL = "email";

    /**
     * How long a test-copy request (and the address in it) is kept when the sender never gets to
     * it: longer than the send queue keeps retrying a message.
     */
    public static final Duration TEST_COPY_RETENTION = Duration.ofDays(1);

    static final String NEWSLETTER_PREFIX = "NL#";
    static final String ISSUE_PREFIX = "ISSUE#";
    static final String CONTENT_PREFIX = "CONTENT#";
    static final String TO_PREFIX = "TO#";
    static final String BATCH_PREFIX = "BATCH#";
    static final String TEST_PREFIX = "TEST#";

    /** Values every new draft stores; an attribute value is immutable, so one of each serves. */
    private static final AttributeValue ZERO = number(0);

    private static final AttributeValue FALSE = AttributeValue.fromBool(false);

    private IssueItems() {}

    public static Map<String, AttributeValue> summaryKey(String newsletter, String issueId) {
        return key(NEWSLETTER_PREFIX + newsletter, ISSUE_PREFIX + issueId);
    }

    public static Map<String, AttributeValue> contentKey(String newsletter, String issueId) {
        return key(NEWSLETTER_PREFIX.concat(newsletter), CONTENT_PREFIX.concat(issueId));
    }

    public static Map<String, AttributeValue> deliveryKey(String issueId, String addressId) {
        return key(ISSUE_PREFIX + issueId, TO_PREFIX + addressId);
    }

    public static Map<String, AttributeValue> batchKey(String issueId, String batchId) {
        return key(ISSUE_PREFIX + issueId, BATCH_PREFIX + batchId);
    }

    public static Map<String, AttributeValue> testCopyKey(String issueId, String copyId) {
        return key(ISSUE_PREFIX + issueId, TEST_PREFIX + copyId);
    }

    /**
     * The id a test copy's ledger entry (its claim) is kept under, in the place of an address id.
     * Address ids are base64url digests, which never hold {@code #}, so the two never meet: a test
     * copy to a subscriber's address leaves that reader's delivery of the issue untouched.
     */
    public static String testCopyClaimId(String copyId) {
        return TEST_PREFIX + copyId;
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return key(pk, sk, 16);
    }

    /**
     * A key in a map with room for {@code capacity} slots: an item's attributes go in it too, and a
     * map sized for all of them is never copied into a bigger one on the way.
     */
    private static Map<String, AttributeValue> key(String pk, String sk, int capacity) {
        Map<String, AttributeValue> key = new HashMap<>(capacity);
        key.put(PK, AttributeValue.fromS(pk));
        key.put(SK, AttributeValue.fromS(sk));
        return key;
    }

    static Map<String, AttributeValue> toSummaryItem(Issue issue) {
        // 16 attributes: the 32 slots a default map grew to for them, in the same order.
        Map<String, AttributeValue> item =
                key(
                        NEWSLETTER_PREFIX.concat(issue.newsletter()),
                        ISSUE_PREFIX.concat(issue.issueId()),
                        32);
        item.put(NEWSLETTER, AttributeValue.fromS(issue.newsletter()));
        item.put(NEWSLETTER_NAME, AttributeValue.fromS(issue.newsletterName()));
        item.put(ISSUE_ID, AttributeValue.fromS(issue.issueId()));
        item.put(SUBJECT, AttributeValue.fromS(issue.subject()));
        item.put(STATUS, AttributeValue.fromS(issue.status().code()));
        String createdAt = Timestamps.format(issue.createdAt());
        item.put(CREATED_AT, AttributeValue.fromS(createdAt));
        item.put(
                UPDATED_AT,
                AttributeValue.fromS(
                        issue.updatedAt().equals(issue.createdAt())
                                ? createdAt
                                : Timestamps.format(issue.updatedAt())));
        item.put(RECIPIENTS, ZERO);
        item.put(SENT, ZERO);
        item.put(FAILED, ZERO);
        item.put(SUPPRESSED, ZERO);
        item.put(SKIPPED, ZERO);
        item.put(PAGES_DONE, ZERO);
        item.put(DISPATCHED, FALSE);
        return item;
    }

    static Map<String, AttributeValue> toContentItem(
            String newsletter, String issueId, IssueContent content) {
        Map<String, AttributeValue> item = contentKey(newsletter, issueId);
        item.put(SUBJECT, AttributeValue.fromS(content.subject()));
        item.put(PREHEADER, AttributeValue.fromS(content.preheader()));
        item.put(HTML, AttributeValue.fromS(content.html()));
        item.put(TEXT, AttributeValue.fromS(content.text()));
        return item;
    }

    static Issue toIssue(Map<String, AttributeValue> item) {
        return new Issue(
                s(item, NEWSLETTER),
                s(item, ISSUE_ID),
                s(item, NEWSLETTER_NAME),
                s(item, SUBJECT),
                IssueStatus.fromCode(s(item, STATUS)),
                instant(item, CREATED_AT).orElse(Instant.EPOCH),
                instant(item, UPDATED_AT).orElse(Instant.EPOCH),
                instant(item, SEND_AT),
                instant(item, STARTED_AT),
                instant(item, FINISHED_AT),
                new IssueCounts(
                        n(item, RECIPIENTS),
                        n(item, SENT),
                        n(item, FAILED),
                        n(item, SUPPRESSED),
                        n(item, SKIPPED)),
                n(item, PAGES_DONE),
                item.containsKey(DISPATCHED) && Boolean.TRUE.equals(item.get(DISPATCHED).bool()));
    }

    static IssueContent toContent(Map<String, AttributeValue> item) {
        return new IssueContent(s(item, SUBJECT), s(item, PREHEADER), s(item, HTML), s(item, TEXT));
    }

    static Delivery toDelivery(Map<String, AttributeValue> item) {
        return new Delivery(
                DeliveryState.fromCode(s(item, STATE)), instant(item, AT).orElse(Instant.EPOCH));
    }

    static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }

    private static long n(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static Optional<Instant> instant(Map<String, AttributeValue> item, String name) {
        String text = s(item, name);
        return text.isEmpty() ? Optional.empty() : Optional.of(Timestamps.parse(text));
    }
}
