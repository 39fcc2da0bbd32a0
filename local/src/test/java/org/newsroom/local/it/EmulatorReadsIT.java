package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsroom.local.Emulator;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/**
 * The emulator the local stack starts answers reads with the values written, through its launcher's
 * shortcuts (serve_moto.py: a projection of top-level attributes copies just those, and attribute
 * values already in DynamoDB's JSON form are written out as they are) as through moto's own ways
 * (binary values, paths into maps and lists). Every kind of attribute value is read back whole and
 * projected, through GetItem, BatchGetItem, Query, Scan and two indexes' projections; sets are
 * compared as sets, as DynamoDB's have no order.
 */
class EmulatorReadsIT {

    private static final String TABLE = "things";

    private static Emulator emulator;
    private static DynamoDbClient dynamo;

    private static final Map<String, AttributeValue> KEY = Map.of("pk", s("THING#1"), "sk", s("A"));

    /** An index projecting some attributes besides the keys, and one projecting the keys only. */
    private static final String INCLUDED = "ByKindIncluded";

    private static final String KEYS_ONLY = "ByKindKeys";

    private static final List<String> INCLUDED_NAMES = List.of("text", "numbers", "byteSet", "map");

    /** One of each kind, nested in maps and lists, with text that JSON has to escape. */
    private static final Map<String, AttributeValue> ITEM = item();

    private static Map<String, AttributeValue> item() {
        Map<String, AttributeValue> item = new LinkedHashMap<>(KEY);
        item.put("kind", s("sample"));
        item.put("text", s("Caf\u00e9 \"quoted\" \\ line\nbreak \u2028 \ud83d\udcf0"));
        item.put("number", n("12.50"));
        item.put("negative", n("-7"));
        item.put("yes", AttributeValue.fromBool(true));
        item.put("no", AttributeValue.fromBool(false));
        item.put("nothing", AttributeValue.fromNul(true));
        item.put("words", AttributeValue.fromSs(List.of("harbour", "bridge")));
        item.put("numbers", AttributeValue.fromNs(List.of("1", "2.5")));
        item.put("bytes", AttributeValue.fromB(SdkBytes.fromUtf8String("\u0000raw\u00ff")));
        item.put(
                "byteSet",
                AttributeValue.fromBs(
                        List.of(SdkBytes.fromUtf8String("one"), SdkBytes.fromUtf8String("two"))));
        item.put(
                "chain",
                AttributeValue.fromL(
                        List.of(
                                s("first"),
                                n("2"),
                                AttributeValue.fromM(Map.of("slug", s("third"))),
                                AttributeValue.fromL(List.of(AttributeValue.fromBool(true))))));
        item.put(
                "map",
                AttributeValue.fromM(
                        Map.of(
                                "nested",
                                AttributeValue.fromM(Map.of("deeper", s("down"))),
                                "empty",
                                AttributeValue.fromM(Map.of()),
                                "flags",
                                AttributeValue.fromL(List.of(AttributeValue.fromNul(true))))));
        item.put(
                "mixed",
                AttributeValue.fromM(
                        Map.of(
                                "label",
                                s("with a binary inside"),
                                "blob",
                                AttributeValue.fromB(SdkBytes.fromUtf8String("blob")))));
        item.put("emptyList", AttributeValue.fromL(List.of()));
        return Map.copyOf(item);
    }

    @BeforeAll
    static void start() throws Exception {
        emulator = EmulatorClients.start("emulator-reads");
        dynamo = EmulatorClients.dynamo(emulator.endpoint());
        dynamo.createTable(
                EmulatorClients.keyedTable(TABLE, "kind")
                        .globalSecondaryIndexes(
                                index(
                                        INCLUDED,
                                        p ->
                                                p.projectionType(ProjectionType.INCLUDE)
                                                        .nonKeyAttributes(INCLUDED_NAMES)),
                                index(KEYS_ONLY, p -> p.projectionType(ProjectionType.KEYS_ONLY)))
                        .build());
        dynamo.putItem(b -> b.tableName(TABLE).item(ITEM));
    }

    @AfterAll
    static void stop() throws Exception {
        EmulatorClients.close(dynamo, emulator);
    }

    @Test
    void wholeItem_shouldComeBackAsWritten_throughEveryRead() {
        assertSame(ITEM, dynamo.getItem(b -> b.tableName(TABLE).key(KEY)).item());
        assertSame(ITEM, only(batchGet(null)));
        assertSame(ITEM, only(query(null).items()));
        assertSame(ITEM, only(dynamo.scan(b -> b.tableName(TABLE)).items()));
    }

    @Test
    void topLevelProjection_shouldHoldExactlyTheNamedAttributes_binaryOnesIncluded() {
        String projection =
                "#text, #number, #no, #nothing, #words, #numbers, #byteSet, #chain, #map, #mixed,"
                        + " #bytes, #gone";
        Map<String, AttributeValue> expected =
                subset(
                        "text", "number", "no", "nothing", "words", "numbers", "byteSet", "chain",
                        "map", "mixed", "bytes");

        assertSame(expected, get(projection));
        assertSame(expected, only(batchGet(projection)));
        assertSame(expected, only(query(projection).items()));
        assertSame(
                expected,
                only(
                        dynamo.scan(
                                        b ->
                                                b.tableName(TABLE)
                                                        .projectionExpression(projection)
                                                        .expressionAttributeNames(
                                                                names(projection)))
                                .items()));
    }

    @Test
    void pathProjection_shouldHoldTheNamedPartsOnly() {
        // (a list index after a placeholder, #chain[2], is one moto refuses: the name is written)
        String projection = "#map.#nested, chain[2], #yes";
        Map<String, AttributeValue> expected =
                Map.of(
                        "map",
                        AttributeValue.fromM(Map.of("nested", ITEM.get("map").m().get("nested"))),
                        "chain",
                        AttributeValue.fromL(List.of(ITEM.get("chain").l().get(2))),
                        "yes",
                        ITEM.get("yes"));

        assertSame(expected, get(projection));
        assertSame(expected, only(batchGet(projection)));
        assertSame(expected, only(query(projection).items()));
    }

    @Test
    void indexProjections_shouldHoldTheKeysAndTheIncludedAttributes() {
        Map<String, AttributeValue> keys = subset("pk", "sk", "kind");
        Map<String, AttributeValue> included = new LinkedHashMap<>(keys);
        INCLUDED_NAMES.forEach(name -> included.put(name, ITEM.get(name)));

        assertSame(included, only(byKind(INCLUDED)));
        assertSame(keys, only(byKind(KEYS_ONLY)));
    }

    private static Map<String, AttributeValue> get(String projection) {
        return dynamo.getItem(
                        b ->
                                b.tableName(TABLE)
                                        .key(KEY)
                                        .projectionExpression(projection)
                                        .expressionAttributeNames(names(projection)))
                .item();
    }

    private static List<Map<String, AttributeValue>> batchGet(String projection) {
        return dynamo.batchGetItem(b -> b.requestItems(Map.of(TABLE, keys(projection))))
                .responses()
                .get(TABLE);
    }

    private static List<Map<String, AttributeValue>> byKind(String index) {
        return dynamo.query(
                        b ->
                                b.tableName(TABLE)
                                        .indexName(index)
                                        .keyConditionExpression("kind = :kind")
                                        .expressionAttributeValues(
                                                Map.of(":kind", ITEM.get("kind"))))
                .items();
    }

    private static GlobalSecondaryIndex index(
            String name, java.util.function.Consumer<Projection.Builder> projection) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(k -> k.attributeName("kind").keyType(KeyType.HASH))
                .projection(projection)
                .build();
    }

    private static Map<String, AttributeValue> only(List<Map<String, AttributeValue>> items) {
        assertEquals(1, items.size(), "items read: " + items.size());
        return items.get(0);
    }

    /** Equal as DynamoDB means it: the same attributes and values, each set in any order. */
    private static void assertSame(
            Map<String, AttributeValue> expected, Map<String, AttributeValue> actual) {
        assertEquals(unordered(expected), unordered(actual));
    }

    private static Map<String, Object> unordered(Map<String, AttributeValue> item) {
        Map<String, Object> values = new java.util.TreeMap<>();
        item.forEach((name, value) -> values.put(name, unordered(value)));
        return values;
    }

    private static Object unordered(AttributeValue value) {
        return switch (value.type()) {
            case SS -> Map.of("SS", new java.util.HashSet<>(value.ss()));
            case NS -> Map.of("NS", new java.util.HashSet<>(value.ns()));
            case BS -> Map.of("BS", new java.util.HashSet<>(value.bs()));
            case M -> Map.of("M", unordered(value.m()));
            case L -> Map.of("L", value.l().stream().map(EmulatorReadsIT::unordered).toList());
            default -> value;
        };
    }

    private static software.amazon.awssdk.services.dynamodb.model.QueryResponse query(
            String projection) {
        return dynamo.query(
                b -> {
                    b.tableName(TABLE)
                            .keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", KEY.get("pk")));
                    if (projection != null) {
                        b.projectionExpression(projection)
                                .expressionAttributeNames(names(projection));
                    }
                });
    }

    private static software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes keys(
            String projection) {
        var keys =
                software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder()
                        .keys(List.of(KEY));
        if (projection != null) {
            keys.projectionExpression(projection).expressionAttributeNames(names(projection));
        }
        return keys.build();
    }

    /** {@code #name} placeholders of a projection, each standing for the name itself. */
    private static Map<String, String> names(String projection) {
        Map<String, String> names = new LinkedHashMap<>();
        java.util.regex.Matcher placeholder =
                java.util.regex.Pattern.compile("#(\\w+)").matcher(projection);
        while (placeholder.find()) {
            names.put(placeholder.group(), placeholder.group(1));
        }
        return names;
    }

    private static Map<String, AttributeValue> subset(String... attributes) {
        Map<String, AttributeValue> subset = new LinkedHashMap<>();
        for (String attribute : attributes) {
            subset.put(attribute, ITEM.get(attribute));
        }
        return Map.copyOf(subset);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }
}
