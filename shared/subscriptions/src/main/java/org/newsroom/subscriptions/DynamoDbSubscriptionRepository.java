package org.newsroom.subscriptions;

import static org.newsroom.subscriptions.SubscriptionItems.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.newsroom.core.aws.DynamoDbQueries;
import org.newsroom.core.email.EmailAddress;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** {@link SubscriptionRepository} on one DynamoDB table, layout in {@link SubscriptionItems}. */
public final class DynamoDbSubscriptionRepository implements SubscriptionRepository {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbSubscriptionRepository(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean isSuppressed(String addressId) {
        try {
            var response =
                    dynamo.getItem(
                            b ->
                                    b.tableName(table)
                                            .key(key(addressId, SUPPRESSED))
                                            .consistentRead(true));
            return response.hasItem() && !response.item().isEmpty();
        } catch (SdkException e) {
            throw new SubscriptionStoreException("Could not read a suppression", e);
        }
    }

    @Override
    public SubscriptionStatus requestPending(
            String addressId,
            EmailAddress address,
            String newsletter,
            Consent consent,
            Instant now,
            Instant expiresAt) {
        Map<String, String> names = new HashMap<>();
        names.put("#pk", PK);
        names.put("#status", STATUS);
        names.put("#address", ADDRESS);
        names.put("#newsletter", NEWSLETTER);
        names.put("#created", CREATED_AT);
        names.put("#updated", UPDATED_AT);
        names.put("#cs", CONSENT_SOURCE);
        names.put("#cp", CONSENT_PAGE);
        names.put("#ca", CONSENT_AT);
        Map<String, AttributeValue> values =
                statusValues(now, SubscriptionStatus.PENDING, SubscriptionStatus.UNSUBSCRIBED);
        values.put(":address", AttributeValue.fromS(address.value()));
        values.put(":newsletter", AttributeValue.fromS(newsletter));
        values.put(":cs", AttributeValue.fromS(consent.source()));
        values.put(":cp", AttributeValue.fromS(consent.page()));
        values.put(":ca", AttributeValue.fromS(consent.at().toString()));
        String set =
                "SET #status = :pending, #address = :address, #newsletter = :newsletter, "
                        + "#created = if_not_exists(#created, :now), #updated = :now, #cs = :cs, #cp = :cp, #ca = :ca";
        Map<String, String> expiringNames = new HashMap<>(names);
        expiringNames.put("#expires", EXPIRES_AT);
        Map<String, AttributeValue> expiringValues = new HashMap<>(values);
        expiringValues.remove(":unsubscribed");
        expiringValues.put(
                ":expires", AttributeValue.fromN(Long.toString(epochSeconds(expiresAt))));
        try {
            // New or still pending: pending, and deleted by the TTL unless confirmed. Confirmed
            // stays confirmed, suppressed stays suppressed, whatever arrives concurrently.
            dynamo.updateItem(
                    pendingUpdate(
                            addressId,
                            newsletter,
                            "attribute_not_exists(#pk) OR #status = :pending",
                            set + ", #expires = :expires",
                            expiringNames,
                            expiringValues));
            return SubscriptionStatus.PENDING;
        } catch (ConditionalCheckFailedException e) {
            SubscriptionStatus old =
                    oldStatus(e)
                            .map(status -> SubscriptionStatus.fromCode(status.s()))
                            .orElse(SubscriptionStatus.CONFIRMED);
            if (old != SubscriptionStatus.UNSUBSCRIBED) {
                return old;
            }
        } catch (SdkException e) {
            throw new SubscriptionStoreException("Could not record a signup", e);
        }
        try {
            // Left earlier and asking again: pending, but with no TTL, so the record of the
            // unsubscribe (unsubscribedAt, confirmedAt) is never deleted with an unconfirmed
            // request.
            Map<String, String> againNames = new HashMap<>(names);
            againNames.remove("#pk");
            dynamo.updateItem(
                    pendingUpdate(
                            addressId,
                            newsletter,
                            "#status = :unsubscribed",
                            set,
                            againNames,
                            values));
            return SubscriptionStatus.PENDING;
        } catch (ConditionalCheckFailedException e) {
            return oldStatus(e)
                    .map(status -> SubscriptionStatus.fromCode(status.s()))
                    .orElse(SubscriptionStatus.CONFIRMED);
        } catch (SdkException e) {
            throw new SubscriptionStoreException("Could not record a signup", e);
        }
    }

    private UpdateItemRequest pendingUpdate(
            String addressId,
            String newsletter,
            String condition,
            String update,
            Map<String, String> names,
            Map<String, AttributeValue> values) {
        return UpdateItemRequest.builder()
                .tableName(table)
                .key(key(addressId, newsletterSk(newsletter)))
                .conditionExpression(condition)
                .updateExpression(update)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    @Override
    public void recordConfirmationRequest(ConfirmationRequest request, Instant expiresAt) {
        try {
            putIfAbsent(toItem(request, expiresAt));
        } catch (ConditionalCheckFailedException e) {
            // The same request id twice: it is recorded already.
        } catch (SdkException e) {
            throw new SubscriptionStoreException("Could not record a confirmation request", e);
        }
    }

    @Override
    public Optional<ConfirmationRequest> claimConfirmationRequest(
            String addressId, String requestId, Instant now, Duration lease) {
        try {
            UpdateItemResponse response =
                    dynamo.updateItem(
                            b ->
                                    b.tableName(table)
                                            .key(key(addressId, confirmSk(requestId)))
                                            .conditionExpression(
                                                    "attribute_exists(#pk) AND attribute_not_exists(#sent) "
                                                            + "AND (attribute_not_exists(#claimed) OR #claimed < :leaseStart)")
                                            .updateExpression("SET #claimed = :now")
                                            .expressionAttributeNames(
                                                    Map.of(
                                                            "#pk",
                                                            PK,
                                                            "#sent",
                                                            SENT_AT,
                                                            "#claimed",
                                                            CLAIMED_AT))
                                            .expressionAttributeValues(
                                                    Map.of(
                                                            ":now",
                                                                    AttributeValue.fromS(
                                                                            now.toString()),
                                                            ":leaseStart",
                                                                    AttributeValue.fromS(
                                                                            now.minus(lease)
                                                                                    .toString())))
                                            .returnValues(ReturnValue.ALL_NEW));
            return Optional.of(toConfirmationRequest(response.attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new SubscriptionStoreException("Could not claim a confirmation request", e);
        }
    }

    @Override
    public void markConfirmationSent(String addressId, String requestId, Instant now) {
        updateConfirmationRequestIfPresent(
                addressId,
                requestId,
                "Could not mark a confirmation sent",
                b ->
                        b.updateExpression("SET #sent = :now REMOVE #claimed")
                                .expressionAttributeNames(
                                        Map.of("#pk", PK, "#sent", SENT_AT, "#claimed", CLAIMED_AT))
                                .expressionAttributeValues(
                                        Map.of(":now", AttributeValue.fromS(now.toString()))));
    }

    @Override
    public void releaseConfirmationRequest(String addressId, String requestId) {
        updateConfirmationRequestIfPresent(
                addressId,
                requestId,
                "Could not release a confirmation request",
                b ->
                        b.updateExpression("REMOVE #claimed")
                                .expressionAttributeNames(
                                        Map.of("#pk", PK, "#claimed", CLAIMED_AT)));
    }

    /**
     * Applies {@code update} to a confirmation request that still exists; one erased meanwhile is
     * left alone. The update must name {@code #pk}, which the condition uses.
     */
    private void updateConfirmationRequestIfPresent(
            String addressId,
            String requestId,
            String failure,
            Consumer<UpdateItemRequest.Builder> update) {
        try {
            dynamo.updateItem(
                    b ->
                            update.accept(
                                    b.tableName(table)
                                            .key(key(addressId, confirmSk(requestId)))
                                            .conditionExpression("attribute_exists(#pk)")));
        } catch (ConditionalCheckFailedException e) {
            // Erased meanwhile: nothing to change.
        } catch (SdkException e) {
            throw new SubscriptionStoreException(failure, e);
        }
    }

    @Override
    public boolean confirm(String addressId, String newsletter, Instant now) {
        try {
            changeSubscriptionStatus(
                    addressId,
                    newsletter,
                    b ->
                            b.conditionExpression("#status = :pending")
                                    .updateExpression(
                                            "SET #status = :confirmed, #confirmedAt = :now, #updated = :now REMOVE #expires")
                                    .expressionAttributeNames(
                                            statusChangeNames("#confirmedAt", CONFIRMED_AT))
                                    .expressionAttributeValues(
                                            statusValues(
                                                    now,
                                                    SubscriptionStatus.PENDING,
                                                    SubscriptionStatus.CONFIRMED)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return oldStatus(e)
                    .filter(status -> SubscriptionStatus.CONFIRMED.code().equals(status.s()))
                    .isPresent();
        } catch (SdkException e) {
            throw new SubscriptionStoreException("Could not confirm a subscription", e);
        }
    }

    @Override
    public List<Subscription> findAll(String addressId) {
        List<Subscription> found = new ArrayList<>();
        for (Map<String, AttributeValue> item : queryAll(addressId, NEWSLETTER_PREFIX)) {
            found.add(toSubscription(item));
        }
        return found;
    }

    /**
     * One Query from the first subscription key on: {@code NL#...} sorts after {@code CONFIRM#...}
     * and before {@code SUPPRESSED}, so it reads the subscriptions and the suppression and skips
     * the confirmation requests (one round trip where a GetItem and a Query took two).
     */
    @Override
    public MailingState findMailingState(String addressId) {
        Map<String, String> names = new HashMap<>();
        names.put("#pk", PK);
        names.put("#sk", SK);
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", AttributeValue.fromS(addressId));
        values.put(":first", AttributeValue.fromS(NEWSLETTER_PREFIX));
        QueryRequest query =
                QueryRequest.builder()
                        .tableName(table)
                        .consistentRead(true)
                        .keyConditionExpression("#pk = :pk AND #sk >= :first")
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .build();
        List<Map<String, AttributeValue>> items;
        try {
            items = DynamoDbQueries.everyPage(dynamo, query);
        } catch (SdkException e) {
            throw new SubscriptionStoreException("Could not read an address's records", e);
        }
        boolean suppressed = false;
        List<Subscription> subscriptions = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            String sk = item.get(SK).s();
            if (sk.equals(SUPPRESSED)) {
                suppressed = true;
            } else if (sk.startsWith(NEWSLETTER_PREFIX)) {
                subscriptions.add(toSubscription(item));
            }
        }
        return new MailingState(suppressed, subscriptions);
    }

    @Override
    public boolean unsubscribe(String addressId, String newsletter, Instant now) {
        try {
            changeSubscriptionStatus(
                    addressId,
                    newsletter,
                    b ->
                            b.conditionExpression("#status = :pending OR #status = :confirmed")
                                    .updateExpression(
                                            "SET #status = :unsubscribed, #unsubAt = :now, #updated = :now REMOVE #expires")
                                    .expressionAttributeNames(
                                            statusChangeNames("#unsubAt", UNSUBSCRIBED_AT))
                                    .expressionAttributeValues(
                                            statusValues(
                                                    now,
                                                    SubscriptionStatus.PENDING,
                                                    SubscriptionStatus.CONFIRMED,
                                                    SubscriptionStatus.UNSUBSCRIBED)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return oldStatus(e)
                    .filter(
                            status ->
                                    !SubscriptionStatus.PENDING.code().equals(status.s())
                                            && !SubscriptionStatus.CONFIRMED
                                                    .code()
                                                    .equals(status.s()))
                    .isPresent();
        } catch (SdkException e) {
            throw new SubscriptionStoreException("Could not unsubscribe", e);
        }
    }

    @Override
    public void suppress(String addressId, EmailAddress address, String reason, Instant now) {
        try {
            Map<String, AttributeValue> marker = key(addressId, SUPPRESSED);
            marker.put(ADDRESS, AttributeValue.fromS(address.value()));
            marker.put(REASON, AttributeValue.fromS(reason));
            marker.put(SUPPRESSED_AT, AttributeValue.fromS(now.toString()));
            putIfAbsent(marker);
        } catch (ConditionalCheckFailedException e) {
            // Suppressed already: keep the first reason and time.
        } catch (SdkException e) {
            throw new SubscriptionStoreException("Could not suppress an address", e);
        }
        Map<String, String> names = statusChangeNames("#supAt", SUPPRESSED_AT);
        names.put("#pk", PK);
        for (Map<String, AttributeValue> item : queryAll(addressId, NEWSLETTER_PREFIX)) {
            try {
                dynamo.updateItem(
                        b ->
                                b.tableName(table)
                                        .key(key(addressId, item.get(SK).s()))
                                        .conditionExpression(
                                                "attribute_exists(#pk) AND #status <> :suppressed")
                                        .updateExpression(
                                                "SET #status = :suppressed, #supAt = :now, #updated = :now REMOVE #expires")
                                        .expressionAttributeNames(names)
                                        .expressionAttributeValues(
                                                statusValues(now, SubscriptionStatus.SUPPRESSED)));
            } catch (ConditionalCheckFailedException e) {
                // Suppressed already, or erased meanwhile.
            } catch (SdkException e) {
                throw new SubscriptionStoreException("Could not suppress a subscription", e);
            }
        }
    }

    @Override
    public ReaderRecords findRecords(String addressId) {
        List<Subscription> subscriptions = new ArrayList<>();
        List<ConfirmationRequest> requests = new ArrayList<>();
        Optional<ReaderRecords.Suppression> suppression = Optional.empty();
        for (Map<String, AttributeValue> item : queryAll(addressId, null)) {
            String sk = item.get(SK).s();
            if (sk.startsWith(NEWSLETTER_PREFIX)) {
                subscriptions.add(toSubscription(item));
            } else if (sk.startsWith(CONFIRM_PREFIX)) {
                requests.add(toConfirmationRequest(item));
            } else if (sk.equals(SUPPRESSED)) {
                suppression = Optional.of(toSuppression(item));
            }
        }
        return new ReaderRecords(addressId, subscriptions, requests, suppression);
    }

    @Override
    public int erase(String addressId) {
        List<Map<String, AttributeValue>> items = queryAll(addressId, null);
        boolean suppressed = items.stream().anyMatch(i -> SUPPRESSED.equals(i.get(SK).s()));
        if (suppressed) {
            // Replaced before anything is deleted, so an erasure that fails half-way never
            // leaves a bounced or complaining address mailable.
            try {
                dynamo.putItem(
                        PutItemRequest.builder()
                                .tableName(table)
                                .item(erasedSuppression(addressId))
                                .build());
            } catch (SdkException e) {
                throw new SubscriptionStoreException("Could not erase a suppression", e);
            }
        }
        int deleted = 0;
        for (Map<String, AttributeValue> item : items) {
            String sk = item.get(SK).s();
            if (sk.equals(SUPPRESSED)) {
                continue;
            }
            try {
                dynamo.deleteItem(
                        DeleteItemRequest.builder()
                                .tableName(table)
                                .key(key(addressId, sk))
                                .build());
                deleted++;
            } catch (SdkException e) {
                throw new SubscriptionStoreException("Could not erase a record", e);
            }
        }
        return deleted;
    }

    private List<Map<String, AttributeValue>> queryAll(String addressId, String skPrefix) {
        Map<String, String> names = new HashMap<>(Map.of("#pk", PK));
        Map<String, AttributeValue> values =
                new HashMap<>(Map.of(":pk", AttributeValue.fromS(addressId)));
        String condition = "#pk = :pk";
        if (skPrefix != null) {
            names.put("#sk", SK);
            values.put(":prefix", AttributeValue.fromS(skPrefix));
            condition += " AND begins_with(#sk, :prefix)";
        }
        QueryRequest query =
                QueryRequest.builder()
                        .tableName(table)
                        .consistentRead(true)
                        .keyConditionExpression(condition)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .build();
        try {
            return DynamoDbQueries.everyPage(dynamo, query);
        } catch (SdkException e) {
            throw new SubscriptionStoreException("Could not read an address's records", e);
        }
    }

    /** Puts {@code item} unless its key is taken: a taken key fails the condition. */
    private void putIfAbsent(Map<String, AttributeValue> item) {
        dynamo.putItem(
                b ->
                        b.tableName(table)
                                .item(item)
                                .conditionExpression("attribute_not_exists(#pk)")
                                .expressionAttributeNames(Map.of("#pk", PK)));
    }

    /**
     * The names a status change uses: the status, the time it stamps ({@code stampPlaceholder} for
     * {@code stampAttribute}), the update time and the pending expiry it removes. Modifiable, for a
     * condition that names more.
     */
    private static Map<String, String> statusChangeNames(
            String stampPlaceholder, String stampAttribute) {
        Map<String, String> names = new HashMap<>();
        names.put("#status", STATUS);
        names.put(stampPlaceholder, stampAttribute);
        names.put("#updated", UPDATED_AT);
        names.put("#expires", EXPIRES_AT);
        return names;
    }

    /**
     * {@code :now}, and each of {@code statuses} under its code as placeholder ({@code :pending},
     * {@code :confirmed}, ...). Modifiable, for a request that sets more values.
     */
    private static Map<String, AttributeValue> statusValues(
            Instant now, SubscriptionStatus... statuses) {
        Map<String, AttributeValue> values = new HashMap<>();
        for (SubscriptionStatus status : statuses) {
            values.put(":" + status.code(), AttributeValue.fromS(status.code()));
        }
        values.put(":now", AttributeValue.fromS(now.toString()));
        return values;
    }

    /**
     * Sends {@code change} for one subscription; when its condition fails, the exception carries
     * the record as it was (see {@link #oldStatus}).
     */
    private void changeSubscriptionStatus(
            String addressId, String newsletter, Consumer<UpdateItemRequest.Builder> change) {
        dynamo.updateItem(
                b ->
                        change.accept(
                                b.tableName(table)
                                        .key(key(addressId, newsletterSk(newsletter)))
                                        .returnValuesOnConditionCheckFailure(
                                                ReturnValuesOnConditionCheckFailure.ALL_OLD)));
    }

    /** The status a record had when a condition on it failed, when the failure carries it. */
    private static Optional<AttributeValue> oldStatus(ConditionalCheckFailedException e) {
        return e.hasItem() ? Optional.ofNullable(e.item().get(STATUS)) : Optional.empty();
    }
}
