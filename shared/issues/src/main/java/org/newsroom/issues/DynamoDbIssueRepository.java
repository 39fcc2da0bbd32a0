package org.newsroom.issues;

import static org.newsroom.issues.IssueItems.*;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** {@link IssueRepository} on one DynamoDB table, layout in {@link IssueItems}. */
public final class DynamoDbIssueRepository implements IssueRepository {

    /**
     * Ledger entries and batch markers expire after this (DynamoDB TTL); the summary keeps the
     * counts.
     */
    public static final Duration LEDGER_RETENTION = Duration.ofDays(90);

    private static final Pattern ISSUE_SK = Pattern.compile("ISSUE#[0-9a-z-]{1,40}");
    private static final int TRANSACTION_ATTEMPTS = 5;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbIssueRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void create(Issue draft, IssueContent content) {
        try {
            // The request built here rather than in a lambda given to the client: a capturing
            // lambda is made through a method handle on every call at the first compilation tier
            // Lambda runs.
            dynamo.transactWriteItems(
                    TransactWriteItemsRequest.builder()
                            .transactItems(
                                    TransactWriteItem.builder()
                                            .put(
                                                    Put.builder()
                                                            .tableName(table)
                                                            .item(toSummaryItem(draft))
                                                            .conditionExpression(
                                                                    "attribute_not_exists(#pk)")
                                                            .expressionAttributeNames(
                                                                    Map.of("#pk", PK))
                                                            .build())
                                            .build(),
                                    TransactWriteItem.builder()
                                            .put(
                                                    Put.builder()
                                                            .tableName(table)
                                                            .item(
                                                                    toContentItem(
                                                                            draft.newsletter(),
                                                                            draft.issueId(),
                                                                            content))
                                                            .build())
                                            .build())
                            .build());
        } catch (SdkException e) {
            throw new IssueStoreException("Could not store an issue", e);
        }
    }

    @Override
    public Optional<Issue> find(String newsletter, String issueId) {
        return read(summaryKey(newsletter, issueId), "Could not read an issue")
                .map(IssueItems::toIssue);
    }

    @Override
    public Optional<IssueContent> content(String newsletter, String issueId) {
        return read(contentKey(newsletter, issueId), "Could not read an issue's content")
                .map(IssueItems::toContent);
    }

    /** One item by key, read strongly consistently; empty when absent. */
    private Optional<Map<String, AttributeValue>> read(
            Map<String, AttributeValue> key, String failure) {
        try {
            var response = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true));
            return response.hasItem() && !response.item().isEmpty()
                    ? Optional.of(response.item())
                    : Optional.empty();
        } catch (SdkException e) {
            throw new IssueStoreException(failure, e);
        }
    }

    @Override
    public IssuePage list(String newsletter, int limit, Optional<String> cursor) {
        QueryRequest.Builder query =
                QueryRequest.builder()
                        .tableName(table)
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                        .expressionAttributeValues(
                                Map.of(
                                        ":pk",
                                        AttributeValue.fromS(NEWSLETTER_PREFIX + newsletter),
                                        ":prefix",
                                        AttributeValue.fromS(ISSUE_PREFIX)))
                        .scanIndexForward(false)
                        .limit(limit);
        cursor.map(DynamoDbIssueRepository::decodeCursor)
                .ifPresent(sk -> query.exclusiveStartKey(key(NEWSLETTER_PREFIX + newsletter, sk)));
        try {
            QueryResponse response = dynamo.query(query.build());
            List<Issue> issues = response.items().stream().map(IssueItems::toIssue).toList();
            Optional<String> next =
                    response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                            ? Optional.of(encodeCursor(response.lastEvaluatedKey().get(SK).s()))
                            : Optional.empty();
            return new IssuePage(issues, next);
        } catch (SdkException e) {
            throw new IssueStoreException("Could not list issues", e);
        }
    }

    /** Whether {@code cursor} is one this repository could have issued. */
    public static boolean isValidCursor(String cursor) {
        try {
            decodeCursor(cursor);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String encodeCursor(String sk) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(sk.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        String sk = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        if (!ISSUE_SK.matcher(sk).matches()) {
            throw new IllegalArgumentException("not an issue cursor");
        }
        return sk;
    }

    @Override
    public Issue edit(String newsletter, String issueId, IssueContent content, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":draft", AttributeValue.fromS(IssueStatus.DRAFT.code()));
        values.put(":scheduled", AttributeValue.fromS(IssueStatus.SCHEDULED.code()));
        values.put(":subject", AttributeValue.fromS(content.subject()));
        values.put(":now", AttributeValue.fromS(now.toString()));
        try {
            dynamo.transactWriteItems(
                    b ->
                            b.transactItems(
                                    TransactWriteItem.builder()
                                            .update(
                                                    Update.builder()
                                                            .tableName(table)
                                                            .key(summaryKey(newsletter, issueId))
                                                            .conditionExpression(
                                                                    "#status = :draft OR #status = :scheduled")
                                                            .updateExpression(
                                                                    "SET #subject = :subject, #updated = :now")
                                                            .expressionAttributeNames(
                                                                    Map.of(
                                                                            "#status",
                                                                            STATUS,
                                                                            "#subject",
                                                                            SUBJECT,
                                                                            "#updated",
                                                                            UPDATED_AT))
                                                            .expressionAttributeValues(values)
                                                            .returnValuesOnConditionCheckFailure(
                                                                    ReturnValuesOnConditionCheckFailure
                                                                            .ALL_OLD)
                                                            .build())
                                            .build(),
                                    TransactWriteItem.builder()
                                            .put(
                                                    Put.builder()
                                                            .tableName(table)
                                                            .item(
                                                                    toContentItem(
                                                                            newsletter,
                                                                            issueId,
                                                                            content))
                                                            .build())
                                            .build()));
        } catch (TransactionCanceledException e) {
            CancellationReason reason =
                    e.hasCancellationReasons() && !e.cancellationReasons().isEmpty()
                            ? e.cancellationReasons().get(0)
                            : null;
            if (reason != null && "ConditionalCheckFailed".equals(reason.code())) {
                if (reason.item() == null || reason.item().isEmpty()) {
                    throw new IssueNotFoundException();
                }
                throw new IssueNotEditableException(toIssue(reason.item()).status());
            }
            throw new IssueStoreException("Could not edit an issue", e);
        } catch (SdkException e) {
            throw new IssueStoreException("Could not edit an issue", e);
        }
        return find(newsletter, issueId).orElseThrow(IssueNotFoundException::new);
    }

    @Override
    public Issue requestSend(
            String newsletter, String issueId, Optional<Instant> sendAt, Instant now) {
        Map<String, String> names =
                new HashMap<>(Map.of("#pk", PK, "#status", STATUS, "#updated", UPDATED_AT));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":draft", AttributeValue.fromS(IssueStatus.DRAFT.code()));
        values.put(":now", AttributeValue.fromS(now.toString()));
        String update;
        if (sendAt.isPresent()) {
            names.put("#sendAt", SEND_AT);
            values.put(":status", AttributeValue.fromS(IssueStatus.SCHEDULED.code()));
            values.put(":sendAt", AttributeValue.fromS(sendAt.get().toString()));
            update = "SET #status = :status, #sendAt = :sendAt, #updated = :now";
        } else {
            names.put("#started", STARTED_AT);
            values.put(":status", AttributeValue.fromS(IssueStatus.SENDING.code()));
            update = "SET #status = :status, #started = :now, #updated = :now";
        }
        try {
            var response =
                    dynamo.updateItem(
                            b ->
                                    b.tableName(table)
                                            .key(summaryKey(newsletter, issueId))
                                            .conditionExpression(
                                                    "attribute_exists(#pk) AND #status = :draft")
                                            .updateExpression(update)
                                            .expressionAttributeNames(names)
                                            .expressionAttributeValues(values)
                                            .returnValues(ReturnValue.ALL_NEW)
                                            .returnValuesOnConditionCheckFailure(
                                                    ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return toIssue(response.attributes());
        } catch (ConditionalCheckFailedException e) {
            if (!e.hasItem() || e.item().isEmpty()) {
                throw new IssueNotFoundException();
            }
            return toIssue(e.item());
        } catch (SdkException e) {
            throw new IssueStoreException("Could not request sending", e);
        }
    }

    @Override
    public boolean start(String newsletter, String issueId, Instant now) {
        return changeStatus(
                newsletter,
                issueId,
                IssueStatus.SCHEDULED,
                IssueStatus.SENDING,
                "#started",
                STARTED_AT,
                now,
                "Could not start sending");
    }

    @Override
    public Optional<Issue> recordPage(
            String newsletter, String issueId, long page, long recipients, boolean last) {
        try {
            var response =
                    dynamo.updateItem(
                            b ->
                                    b.tableName(table)
                                            .key(summaryKey(newsletter, issueId))
                                            .conditionExpression("#pages = :page")
                                            .updateExpression(
                                                    "SET #pages = :next, #dispatched = :last ADD #recipients :n")
                                            .expressionAttributeNames(
                                                    Map.of(
                                                            "#pages",
                                                            PAGES_DONE,
                                                            "#dispatched",
                                                            DISPATCHED,
                                                            "#recipients",
                                                            RECIPIENTS))
                                            .expressionAttributeValues(
                                                    Map.of(
                                                            ":page", number(page),
                                                            ":next", number(page + 1),
                                                            ":last", AttributeValue.fromBool(last),
                                                            ":n", number(recipients)))
                                            .returnValues(ReturnValue.ALL_NEW));
            return Optional.of(toIssue(response.attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new IssueStoreException("Could not record an audience page", e);
        }
    }

    @Override
    public Optional<Issue> countBatch(
            String newsletter, String issueId, String batchId, IssueCounts outcomes, Instant now) {
        Map<String, AttributeValue> marker = batchKey(issueId, batchId);
        marker.put(AT, AttributeValue.fromS(now.toString()));
        marker.put(EXPIRES_AT, number(now.plus(LEDGER_RETENTION).getEpochSecond()));
        TransactWriteItem mark =
                TransactWriteItem.builder()
                        .put(
                                Put.builder()
                                        .tableName(table)
                                        .item(marker)
                                        .conditionExpression("attribute_not_exists(#pk)")
                                        .expressionAttributeNames(Map.of("#pk", PK))
                                        .build())
                        .build();
        TransactWriteItem count =
                TransactWriteItem.builder()
                        .update(
                                Update.builder()
                                        .tableName(table)
                                        .key(summaryKey(newsletter, issueId))
                                        .updateExpression(
                                                "ADD #sent :sent, #failed :failed, #suppressed :suppressed, #skipped :skipped")
                                        .expressionAttributeNames(
                                                Map.of(
                                                        "#sent",
                                                        SENT,
                                                        "#failed",
                                                        FAILED,
                                                        "#suppressed",
                                                        SUPPRESSED,
                                                        "#skipped",
                                                        SKIPPED))
                                        .expressionAttributeValues(
                                                Map.of(
                                                        ":sent", number(outcomes.sent()),
                                                        ":failed", number(outcomes.failed()),
                                                        ":suppressed",
                                                                number(outcomes.suppressed()),
                                                        ":skipped", number(outcomes.skipped())))
                                        .build())
                        .build();
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(mark, count));
                return find(newsletter, issueId);
            } catch (TransactionCanceledException e) {
                boolean counted =
                        e.hasCancellationReasons()
                                && !e.cancellationReasons().isEmpty()
                                && "ConditionalCheckFailed"
                                        .equals(e.cancellationReasons().get(0).code());
                if (counted) {
                    return Optional.empty();
                }
                // Another batch counted at the same moment (TransactionConflict): try again
                // shortly.
                if (attempt >= TRANSACTION_ATTEMPTS) {
                    throw new IssueStoreException("Could not count a batch", e);
                }
                pause(attempt * 50L);
            } catch (SdkException e) {
                throw new IssueStoreException("Could not count a batch", e);
            }
        }
    }

    @Override
    public boolean finish(String newsletter, String issueId, Instant now) {
        return changeStatus(
                newsletter,
                issueId,
                IssueStatus.SENDING,
                IssueStatus.SENT,
                "#finished",
                FINISHED_AT,
                now,
                "Could not finish an issue");
    }

    /**
     * Moves an issue from {@code from} to {@code to} and stamps when (in {@code stamp}, aliased
     * {@code stampName}); false when the issue was not in {@code from}.
     */
    private boolean changeStatus(
            String newsletter,
            String issueId,
            IssueStatus from,
            IssueStatus to,
            String stampName,
            String stamp,
            Instant now,
            String failure) {
        String fromValue = ":" + from.code();
        String toValue = ":" + to.code();
        try {
            dynamo.updateItem(
                    b ->
                            b.tableName(table)
                                    .key(summaryKey(newsletter, issueId))
                                    .conditionExpression("#status = " + fromValue)
                                    .updateExpression(
                                            "SET #status = "
                                                    + toValue
                                                    + ", "
                                                    + stampName
                                                    + " = :now, #updated = :now")
                                    .expressionAttributeNames(
                                            Map.of(
                                                    "#status",
                                                    STATUS,
                                                    stampName,
                                                    stamp,
                                                    "#updated",
                                                    UPDATED_AT))
                                    .expressionAttributeValues(
                                            Map.of(
                                                    fromValue,
                                                    AttributeValue.fromS(from.code()),
                                                    toValue,
                                                    AttributeValue.fromS(to.code()),
                                                    ":now",
                                                    AttributeValue.fromS(now.toString()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new IssueStoreException(failure, e);
        }
    }

    @Override
    public Optional<Delivery> claim(String issueId, String addressId, Instant now) {
        return putIfAbsent(issueId, addressId, DeliveryState.SENDING, now);
    }

    @Override
    public Optional<Delivery> recordOutcome(
            String issueId, String addressId, DeliveryState state, Instant now) {
        return putIfAbsent(issueId, addressId, state, now);
    }

    private Optional<Delivery> putIfAbsent(
            String issueId, String addressId, DeliveryState state, Instant now) {
        Map<String, AttributeValue> item = deliveryKey(issueId, addressId);
        item.put(STATE, AttributeValue.fromS(state.code()));
        item.put(AT, AttributeValue.fromS(now.toString()));
        item.put(EXPIRES_AT, number(now.plus(LEDGER_RETENTION).getEpochSecond()));
        try {
            dynamo.putItem(
                    b ->
                            b.tableName(table)
                                    .item(item)
                                    .conditionExpression("attribute_not_exists(#pk)")
                                    .expressionAttributeNames(Map.of("#pk", PK))
                                    .returnValuesOnConditionCheckFailure(
                                            ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            if (e.hasItem() && !e.item().isEmpty()) {
                return Optional.of(toDelivery(e.item()));
            }
            // Not returned by every implementation: read it.
            return Optional.of(
                    read(deliveryKey(issueId, addressId), "Could not read a delivery")
                            .map(IssueItems::toDelivery)
                            .orElse(new Delivery(DeliveryState.SENDING, now)));
        } catch (SdkException e) {
            throw new IssueStoreException("Could not record a delivery", e);
        }
    }

    @Override
    public boolean completeClaim(
            String issueId,
            String addressId,
            DeliveryState state,
            Instant now,
            Optional<Instant> claimedBefore) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":sending", AttributeValue.fromS(DeliveryState.SENDING.code()));
        values.put(":state", AttributeValue.fromS(state.code()));
        values.put(":now", AttributeValue.fromS(now.toString()));
        String condition = "#state = :sending";
        if (claimedBefore.isPresent()) {
            values.put(":before", AttributeValue.fromS(claimedBefore.get().toString()));
            condition += " AND #at < :before";
        }
        String finalCondition = condition;
        try {
            dynamo.updateItem(
                    b ->
                            b.tableName(table)
                                    .key(deliveryKey(issueId, addressId))
                                    .conditionExpression(finalCondition)
                                    .updateExpression("SET #state = :state, #at = :now")
                                    .expressionAttributeNames(Map.of("#state", STATE, "#at", AT))
                                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new IssueStoreException("Could not record a delivery outcome", e);
        }
    }

    @Override
    public void releaseClaim(String issueId, String addressId) {
        try {
            dynamo.deleteItem(
                    b ->
                            b.tableName(table)
                                    .key(deliveryKey(issueId, addressId))
                                    .conditionExpression("#state = :sending")
                                    .expressionAttributeNames(Map.of("#state", STATE))
                                    .expressionAttributeValues(
                                            Map.of(
                                                    ":sending",
                                                    AttributeValue.fromS(
                                                            DeliveryState.SENDING.code()))));
        } catch (ConditionalCheckFailedException e) {
            // Not a claim any more: nothing to release.
        } catch (SdkException e) {
            throw new IssueStoreException("Could not release a delivery claim", e);
        }
    }

    @Override
    public void requestTestCopy(String issueId, String copyId, String address, Instant now) {
        Map<String, AttributeValue> item = testCopyKey(issueId, copyId);
        item.put(EMAIL, AttributeValue.fromS(address));
        item.put(AT, AttributeValue.fromS(now.toString()));
        item.put(EXPIRES_AT, number(now.plus(TEST_COPY_RETENTION).getEpochSecond()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item));
        } catch (SdkException e) {
            throw new IssueStoreException("Could not store a test-copy request", e);
        }
    }

    @Override
    public Optional<String> testCopyAddress(String issueId, String copyId) {
        return read(testCopyKey(issueId, copyId), "Could not read a test-copy request")
                .map(item -> item.get(EMAIL))
                .map(AttributeValue::s);
    }

    @Override
    public void forgetTestCopy(String issueId, String copyId) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(testCopyKey(issueId, copyId)));
        } catch (SdkException e) {
            throw new IssueStoreException("Could not delete a test-copy request", e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IssueStoreException("Interrupted", e);
        }
    }
}
