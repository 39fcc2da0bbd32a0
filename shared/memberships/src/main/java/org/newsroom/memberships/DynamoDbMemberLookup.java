package org.newsroom.memberships;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Read-only: the memberships recorded for an email address, for a reader's copy of their data.
 * Reads the sparse {@value #EMAIL_INDEX} index of the memberships table (partition key {@code
 * email}, the address as the webhook and the import store it), so it is a Query, never a Scan; only
 * membership items carry {@code email}. Gifts carry their addresses under other names and are not
 * in it.
 */
public final class DynamoDbMemberLookup {

    public static final String EMAIL_INDEX = "MembersByEmail";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbMemberLookup(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public List<Member> findByEmail(String email) {
        QueryRequest query =
                QueryRequest.builder()
                        .tableName(table)
                        .indexName(EMAIL_INDEX)
                        .keyConditionExpression("#email = :email")
                        .expressionAttributeNames(Map.of("#email", MembershipItems.EMAIL))
                        .expressionAttributeValues(Map.of(":email", AttributeValue.fromS(email)))
                        .build();
        List<Member> members = new ArrayList<>();
        try {
            QueryRequest page = query;
            while (page != null) {
                QueryResponse response = dynamo.query(page);
                response.items().stream()
                        .filter(
                                item ->
                                        MembershipItems.MEMBER_SK.equals(
                                                item.get(MembershipItems.SK).s()))
                        .map(MembershipItems::toMember)
                        .forEach(members::add);
                page =
                        response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                                ? query.toBuilder()
                                        .exclusiveStartKey(response.lastEvaluatedKey())
                                        .build()
                                : null;
            }
        } catch (SdkException e) {
            throw new MembershipStoreException("Could not read an address's memberships", e);
        }
        return members;
    }
}
