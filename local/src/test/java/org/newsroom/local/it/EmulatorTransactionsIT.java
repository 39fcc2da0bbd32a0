package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsroom.local.Emulator;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The emulator the local stack starts keeps DynamoDB's transaction semantics with its cheaper
 * rollback snapshot (serve_moto.py): a cancelled TransactWriteItems leaves every table it touched,
 * items updated in place included, and the table's stream exactly as they were; a committed one
 * applies every write and streams each.
 */
class EmulatorTransactionsIT {

    private static Emulator emulator;
    private static DynamoDbClient dynamo;
    private static DynamoDbStreamsClient streams;

    @BeforeAll
    static void start() throws Exception {
        emulator = EmulatorClients.start("emulator-tx");
        dynamo = EmulatorClients.dynamo(emulator.endpoint());
        streams =
                DynamoDbStreamsClient.builder()
                        .httpClient(UrlConnectionHttpClient.create())
                        .endpointOverride(emulator.endpoint())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(EmulatorClients.CREDENTIALS)
                        .build();
        dynamo.createTable(
                EmulatorClients.keyedTable("pages")
                        .streamSpecification(
                                s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE))
                        .build());
        dynamo.createTable(
                b ->
                        b.tableName("counters")
                                .billingMode(BillingMode.PAY_PER_REQUEST)
                                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                                .attributeDefinitions(
                                        a ->
                                                a.attributeName("id")
                                                        .attributeType(ScalarAttributeType.S)));
        for (int i = 0; i < 40; i++) {
            String pk = "PAGE#" + i;
            dynamo.putItem(b -> b.tableName("pages").item(page(pk, "1")));
        }
        dynamo.putItem(b -> b.tableName("pages").item(page("PAGE#kept", "1")));
        dynamo.putItem(b -> b.tableName("pages").item(page("PAGE#doomed", "1")));
        dynamo.putItem(b -> b.tableName("counters").item(Map.of("id", s("total"), "n", n("5"))));
    }

    @AfterAll
    static void stop() throws Exception {
        EmulatorClients.close(dynamo, streams, emulator);
    }

    @Test
    void cancelledTransaction_shouldLeaveEveryTableAndTheStreamAsTheyWere() {
        List<Map<String, AttributeValue>> pages = scan("pages");
        List<Map<String, AttributeValue>> counters = scan("counters");
        int streamed = streamRecords();

        TransactionCanceledException cancelled =
                assertThrows(
                        TransactionCanceledException.class,
                        () ->
                                dynamo.transactWriteItems(
                                        b ->
                                                b.transactItems(
                                                        updateViews("PAGE#kept"),
                                                        addToTotal(),
                                                        deletePage("PAGE#doomed"),
                                                        putPage("PAGE#new", null),
                                                        putPage(
                                                                "PAGE#missing",
                                                                "attribute_exists(pk)"))));

        assertEquals("ConditionalCheckFailed", cancelled.cancellationReasons().get(4).code());
        assertEquals(pages, scan("pages"));
        assertEquals(counters, scan("counters"));
        assertEquals(streamed, streamRecords());
    }

    @Test
    void committedTransaction_shouldApplyEveryWrite_andStreamEach() {
        dynamo.putItem(b -> b.tableName("pages").item(page("PAGE#edited", "1")));
        dynamo.putItem(b -> b.tableName("pages").item(page("PAGE#removed", "1")));
        int streamed = streamRecords();

        dynamo.transactWriteItems(
                b ->
                        b.transactItems(
                                updateViews("PAGE#edited"),
                                deletePage("PAGE#removed"),
                                putPage("PAGE#added", null)));

        Map<String, AttributeValue> edited = item("PAGE#edited");
        assertEquals("2", edited.get("views").n());
        assertEquals(List.of("news", "world"), strings(edited.get("tags")));
        assertTrue(item("PAGE#removed").isEmpty());
        assertFalse(item("PAGE#added").isEmpty());
        assertEquals(streamed + 3, streamRecords());
    }

    private static TransactWriteItem updateViews(String pk) {
        // In place: a number and a list change inside the stored item.
        return TransactWriteItem.builder()
                .update(
                        u ->
                                u.tableName("pages")
                                        .key(Map.of("pk", s(pk), "sk", s("PAGE")))
                                        .updateExpression(
                                                "SET #v = #v + :one, #t = list_append(#t, :more)")
                                        .expressionAttributeNames(
                                                Map.of("#v", "views", "#t", "tags"))
                                        .expressionAttributeValues(
                                                Map.of(":one", n("1"), ":more", list("world"))))
                .build();
    }

    private static TransactWriteItem addToTotal() {
        return TransactWriteItem.builder()
                .update(
                        u ->
                                u.tableName("counters")
                                        .key(Map.of("id", s("total")))
                                        .updateExpression("ADD n :one")
                                        .expressionAttributeValues(Map.of(":one", n("1"))))
                .build();
    }

    private static TransactWriteItem deletePage(String pk) {
        return TransactWriteItem.builder()
                .delete(d -> d.tableName("pages").key(Map.of("pk", s(pk), "sk", s("PAGE"))))
                .build();
    }

    private static TransactWriteItem putPage(String pk, String condition) {
        return TransactWriteItem.builder()
                .put(p -> p.tableName("pages").item(page(pk, "1")).conditionExpression(condition))
                .build();
    }

    private static Map<String, AttributeValue> page(String pk, String views) {
        return Map.of("pk", s(pk), "sk", s("PAGE"), "views", n(views), "tags", list("news"));
    }

    private static Map<String, AttributeValue> item(String pk) {
        return dynamo.getItem(
                        b ->
                                b.tableName("pages")
                                        .key(Map.of("pk", s(pk), "sk", s("PAGE")))
                                        .consistentRead(true))
                .item();
    }

    private static List<Map<String, AttributeValue>> scan(String table) {
        List<Map<String, AttributeValue>> items =
                new ArrayList<>(dynamo.scan(b -> b.tableName(table)).items());
        items.sort(java.util.Comparator.comparing(Object::toString));
        return items;
    }

    private static int streamRecords() {
        String arn = dynamo.describeTable(b -> b.tableName("pages")).table().latestStreamArn();
        String shard =
                streams.describeStream(b -> b.streamArn(arn))
                        .streamDescription()
                        .shards()
                        .get(0)
                        .shardId();
        String iterator =
                streams.getShardIterator(
                                b ->
                                        b.streamArn(arn)
                                                .shardId(shard)
                                                .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                        .shardIterator();
        int count = 0;
        while (iterator != null) {
            String current = iterator;
            var page = streams.getRecords(b -> b.shardIterator(current).limit(1000));
            count += page.records().size();
            iterator = page.records().isEmpty() ? null : page.nextShardIterator();
        }
        return count;
    }

    private static List<String> strings(AttributeValue list) {
        return list.l().stream().map(AttributeValue::s).toList();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

    private static AttributeValue list(String value) {
        return AttributeValue.fromL(List.of(s(value)));
    }
}
