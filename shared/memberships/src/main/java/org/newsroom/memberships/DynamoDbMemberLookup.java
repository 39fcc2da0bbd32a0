package org.newsroom.memberships;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newsroom.core.aws.DynamoDbQueries;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Read-only: the memberships and gifts recorded for an email address, for a reader's copy of their
 * data. Reads the sparse {@value #EMAIL_INDEX} index of the memberships table (partition key {@code
 * email}, the address as the webhook and the import store it), so it is a Query, never a Scan. Two
 * kinds of item carry {@code email}: memberships, and the address items a gift is filed under (its
 * buyer's and its recipient's); the gifts themselves are then read with one BatchGetItem of {@code
 * GIFT#} keys.
 */
public final class DynamoDbMemberLookup {

    public static final String EMAIL_INDEX = "MembersByEmail";

    /** BatchGetItem's limit of keys per request. */
    static final int BATCH_SIZE = 100;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbMemberLookup(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * What the index holds for one address: its memberships and the gifts it bought or receives.
     */
    public record AddressRecords(List<Member> members, List<GiftAddress> gifts) {
        public AddressRecords {
            members = List.copyOf(members);
            gifts = List.copyOf(gifts);
        }
    }

    public List<Member> findByEmail(String email) {
        return find(email).members();
    }

    /** The memberships and gifts of {@code email}: one index query, and a read of the gifts. */
    public AddressRecords find(String email) {
        List<Member> members = new ArrayList<>();
        Map<String, List<GiftAddress.Role>> roles = new LinkedHashMap<>();
        try {
            for (Map<String, AttributeValue> item : indexItems(email)) {
                if (MembershipItems.isGiftAddress(item)) {
                    GiftAddress.Reference reference = MembershipItems.toGiftReference(item);
                    roles.computeIfAbsent(reference.giftId(), id -> new ArrayList<>())
                            .add(reference.role());
                } else if (MembershipItems.MEMBER_SK.equals(item.get(MembershipItems.SK).s())) {
                    members.add(MembershipItems.toMember(item));
                }
            }
            List<GiftAddress> gifts = new ArrayList<>();
            for (Gift gift : gifts(List.copyOf(roles.keySet()))) {
                gifts.add(new GiftAddress(gift, roles.get(gift.id())));
            }
            return new AddressRecords(members, gifts);
        } catch (SdkException e) {
            throw new MembershipStoreException("Could not read an address's memberships", e);
        }
    }

    private List<Map<String, AttributeValue>> indexItems(String email) {
        QueryRequest query =
                QueryRequest.builder()
                        .tableName(table)
                        .indexName(EMAIL_INDEX)
                        .keyConditionExpression("#email = :email")
                        .expressionAttributeNames(Map.of("#email", MembershipItems.EMAIL))
                        .expressionAttributeValues(Map.of(":email", AttributeValue.fromS(email)))
                        .build();
        return DynamoDbQueries.everyPage(dynamo, query);
    }

    /**
     * The gifts of {@code ids} in that order, read strongly consistently in batches; keys the table
     * leaves unprocessed are asked again. A gift whose item is gone is left out.
     */
    private List<Gift> gifts(List<String> ids) {
        Map<String, Gift> found = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += BATCH_SIZE) {
            List<Map<String, AttributeValue>> keys =
                    ids.subList(from, Math.min(ids.size(), from + BATCH_SIZE)).stream()
                            .map(MembershipItems::giftKey)
                            .toList();
            Map<String, KeysAndAttributes> request =
                    Map.of(
                            table,
                            KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            while (!request.isEmpty()) {
                BatchGetItemResponse response =
                        dynamo.batchGetItem(
                                BatchGetItemRequest.builder().requestItems(request).build());
                response.responses()
                        .getOrDefault(table, List.of())
                        .forEach(
                                item -> {
                                    Gift gift = MembershipItems.toGift(item);
                                    found.put(gift.id(), gift);
                                });
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return ids.stream().filter(found::containsKey).map(found::get).toList();
    }
}
