package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsroom.local.Emulator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The emulator the local stack starts answers queries in DynamoDB's order, page by page, through
 * its launcher's shortcut (serve_moto.py: while a query runs, the table's items are listed
 * unsorted, and the query sorts what it keeps). Items are written in a shuffled order across
 * several partitions; some have no index keys, and several share an index sort key, so the table's
 * keys decide between them. Each query is read whole and in pages, forwards and backwards, and
 * compared with the order worked out here.
 */
class EmulatorQueriesIT {

    private static final String TABLE = "ordered";
    private static final String INDEX = "ByList";
    private static final int PARTITIONS = 4;
    private static final int PER_PARTITION = 24;

    private static Emulator emulator;
    private static DynamoDbClient dynamo;
    private static final List<Row> ROWS = new ArrayList<>();

    /** One item's keys: the table's, and the index's when it has them. */
    private record Row(String pk, String sk, String list, String at) {
        Map<String, AttributeValue> item() {
            Map<String, AttributeValue> item = new java.util.HashMap<>();
            item.put("pk", s(pk));
            item.put("sk", s(sk));
            if (list != null) {
                item.put("list", s(list));
                item.put("at", s(at));
            }
            return item;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        emulator = EmulatorClients.start("emulator-queries");
        dynamo = EmulatorClients.dynamo(emulator.endpoint());
        dynamo.createTable(
                EmulatorClients.keyedTable(TABLE, "list", "at")
                        .globalSecondaryIndexes(
                                g ->
                                        g.indexName(INDEX)
                                                .keySchema(
                                                        k ->
                                                                k.attributeName("list")
                                                                        .keyType(KeyType.HASH),
                                                        k ->
                                                                k.attributeName("at")
                                                                        .keyType(KeyType.RANGE))
                                                .projection(
                                                        p -> p.projectionType(ProjectionType.ALL)))
                        .build());
        Random random = new Random(7);
        for (int p = 0; p < PARTITIONS; p++) {
            for (int i = 0; i < PER_PARTITION; i++) {
                String list = i % 5 == 4 ? null : "L" + (i % 3);
                // Few distinct times: many items share one, and the table's keys order them.
                String at = "2026-11-" + (10 + random.nextInt(4));
                ROWS.add(new Row("P" + p, "S" + (char) ('a' + random.nextInt(26)) + i, list, at));
            }
        }
        List<Row> shuffled = new ArrayList<>(ROWS);
        Collections.shuffle(shuffled, random);
        for (Row row : shuffled) {
            dynamo.putItem(b -> b.tableName(TABLE).item(row.item()));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        EmulatorClients.close(dynamo, emulator);
    }

    @Test
    void tableQuery_shouldAnswerThePartitionInSortKeyOrder_wholeAndInPages() {
        for (int p = 0; p < PARTITIONS; p++) {
            String pk = "P" + p;
            List<String> expected =
                    ROWS.stream().filter(r -> r.pk().equals(pk)).map(Row::sk).sorted().toList();
            for (boolean forward : new boolean[] {true, false}) {
                List<String> order = forward ? expected : reversed(expected);
                QueryRequest query =
                        QueryRequest.builder()
                                .tableName(TABLE)
                                .keyConditionExpression("pk = :pk")
                                .expressionAttributeValues(Map.of(":pk", s(pk)))
                                .scanIndexForward(forward)
                                .build();
                assertEquals(order, keys(pages(query, null), "sk"));
                assertEquals(order, keys(pages(query, 5), "sk"));
            }
        }
    }

    @Test
    void indexQuery_shouldAnswerTheListInIndexThenTableKeyOrder_wholeAndInPages() {
        Comparator<Row> byIndex =
                Comparator.comparing(Row::at).thenComparing(Row::pk).thenComparing(Row::sk);
        for (int l = 0; l < 3; l++) {
            String list = "L" + l;
            List<String> expected =
                    ROWS.stream()
                            .filter(r -> list.equals(r.list()))
                            .sorted(byIndex)
                            .map(r -> r.pk() + "/" + r.sk())
                            .toList();
            for (boolean forward : new boolean[] {true, false}) {
                List<String> order = forward ? expected : reversed(expected);
                QueryRequest query =
                        QueryRequest.builder()
                                .tableName(TABLE)
                                .indexName(INDEX)
                                .keyConditionExpression("#l = :l")
                                .expressionAttributeNames(Map.of("#l", "list"))
                                .expressionAttributeValues(Map.of(":l", s(list)))
                                .scanIndexForward(forward)
                                .build();
                assertEquals(order, tableKeys(pages(query, null)));
                assertEquals(order, tableKeys(pages(query, 7)));
            }
        }
    }

    @Test
    void indexQuery_shouldApplyItsSortKeyCondition() {
        List<String> expected =
                ROWS.stream()
                        .filter(r -> "L1".equals(r.list()) && r.at().compareTo("2026-11-12") >= 0)
                        .sorted(
                                Comparator.comparing(Row::at)
                                        .thenComparing(Row::pk)
                                        .thenComparing(Row::sk)
                                        .reversed())
                        .map(r -> r.pk() + "/" + r.sk())
                        .toList();
        QueryRequest query =
                QueryRequest.builder()
                        .tableName(TABLE)
                        .indexName(INDEX)
                        .keyConditionExpression("#l = :l AND #a >= :a")
                        .expressionAttributeNames(Map.of("#l", "list", "#a", "at"))
                        .expressionAttributeValues(Map.of(":l", s("L1"), ":a", s("2026-11-12")))
                        .scanIndexForward(false)
                        .build();

        assertEquals(expected, tableKeys(pages(query, 4)));
    }

    /** Every item the query answers, following LastEvaluatedKey with pages of {@code limit}. */
    private static List<Map<String, AttributeValue>> pages(QueryRequest query, Integer limit) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page =
                    dynamo.query(query.toBuilder().limit(limit).exclusiveStartKey(start).build());
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    private static List<String> keys(List<Map<String, AttributeValue>> items, String name) {
        return items.stream().map(item -> item.get(name).s()).toList();
    }

    private static List<String> tableKeys(List<Map<String, AttributeValue>> items) {
        return items.stream().map(item -> item.get("pk").s() + "/" + item.get("sk").s()).toList();
    }

    private static List<String> reversed(List<String> values) {
        List<String> copy = new ArrayList<>(values);
        Collections.reverse(copy);
        return copy;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
