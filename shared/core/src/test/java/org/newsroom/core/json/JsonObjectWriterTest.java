package org.newsroom.core.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streamed object must read exactly as the tree of the same fields ({@link Json#toNode}). */
class JsonObjectWriterTest {

    private static final String ALPHABET =
            "aZ09 \"\\/\t\n\r\b\f\u0000\u0001\u001f\u007f\u00e9\u2028\u2029\u20ac\ud83d\ude00<>&'";

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    private static Object randomValue(Random random, int depth) {
        switch (random.nextInt(depth > 2 ? 9 : 12)) {
            case 0:
                return null;
            case 1:
                return random.nextInt();
            case 2:
                return random.nextLong();
            case 3:
                return random.nextBoolean();
            case 4:
                return random.nextDouble() * 1e6;
            case 5:
                return new BigDecimal(random.nextLong()).movePointLeft(random.nextInt(6));
            case 6:
                return Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1000));
            case 7:
                return Optional.ofNullable(random.nextBoolean() ? randomText(random) : null);
            case 8:
                return randomText(random);
            case 9:
                {
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (int i = random.nextInt(4); i > 0; i--) {
                        map.put(randomText(random), randomValue(random, depth + 1));
                    }
                    return map;
                }
            case 10:
                {
                    List<Object> list = new ArrayList<>();
                    for (int i = random.nextInt(4); i > 0; i--) {
                        list.add(randomValue(random, depth + 1));
                    }
                    return list;
                }
            default:
                return new Object[] {randomText(random), (short) random.nextInt(100)};
        }
    }

    @Test
    void putValue_shouldWriteWhatTheTreeOfTheSameFieldsWrites_forManyRandomObjects()
            throws IOException {
        Random random = new Random(20261129);
        for (int n = 0; n < 5_000; n++) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (int i = random.nextInt(8); i > 0; i--) {
                fields.put(randomText(random) + i, randomValue(random, 0));
            }
            String tree = Json.toNode(fields).toString();

            JsonObjectWriter text = JsonObjectWriter.text();
            fields.forEach(text::putValue);
            assertEquals(tree, text.toText(), "as text: " + fields);

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            JsonObjectWriter streamed = JsonObjectWriter.bytes(bytes);
            fields.forEach(streamed::putValue);
            streamed.finish();
            ByteArrayOutputStream treeBytes = new ByteArrayOutputStream();
            Json.write(Json.toNode(fields), treeBytes);
            assertArrayEquals(treeBytes.toByteArray(), bytes.toByteArray(), "as bytes: " + fields);

            JsonObjectWriter buffered = JsonObjectWriter.utf8(16);
            fields.forEach(buffered::putValue);
            assertArrayEquals(treeBytes.toByteArray(), buffered.toUtf8(), "buffered: " + fields);
        }
    }

    @Test
    void typedPuts_nestedObjects_andRawValues_shouldReadAsTheTree() {
        Random random = new Random(7);
        for (int n = 0; n < 2_000; n++) {
            String a = randomText(random);
            String b = random.nextBoolean() ? randomText(random) : null;
            long number = random.nextLong();
            boolean flag = random.nextBoolean();
            ObjectNode raw = Json.object().put("k", randomText(random));
            raw.putArray("list").add(randomText(random));

            ObjectNode tree = Json.object();
            tree.putObject("outer").put("n", number).set("raw", raw);
            tree.put("a", a).put("b", b).put("flag", flag);
            ArrayNode list = tree.putArray("list");
            list.add(a).add(Json.toNode(b)).addObject().put("x", b).putArray("y").add(a);

            String streamed =
                    JsonObjectWriter.text()
                            .startObject("outer")
                            .put("n", number)
                            .putRaw("raw", raw.toString())
                            .endObject()
                            .put("a", a)
                            .put("b", b)
                            .put("flag", flag)
                            .startArray("list")
                            .add(a)
                            .add(b)
                            .startObject()
                            .put("x", b)
                            .startArray("y")
                            .add(a)
                            .endArray()
                            .endObject()
                            .endArray()
                            .toText();
            assertEquals(tree.toString(), streamed, Arrays.asList(a, b).toString());
        }
    }
}
