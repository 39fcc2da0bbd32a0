package org.newsroom.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The project's parser and writer checked against Jackson configured as the project's mapper was
 * (trailing tokens and duplicate fields refused, nesting limited to 64): every document either both
 * accept, and then write the same compact JSON, or both refuse. Hand-picked documents first, then
 * seeded random trees and random one-character mutations of valid documents.
 */
class JsonAgainstJacksonTest {

    private static final ObjectMapper JACKSON =
            JsonMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .build();

    static {
        JACKSON.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder()
                                .maxNestingDepth(64)
                                .maxStringLength(1_000_000)
                                .build());
    }

    /** Jackson's compact output, or {@code null} when it refuses the text. */
    private static String jackson(String text) {
        try {
            com.fasterxml.jackson.databind.JsonNode tree = JACKSON.readTree(text);
            return tree == null || tree.isMissingNode() ? null : JACKSON.writeValueAsString(tree);
        } catch (Exception e) {
            return null;
        }
    }

    /** Ours, or {@code null} when it refuses the text. */
    private static String ours(String text) {
        try {
            JsonNode tree = Json.read(text);
            return tree.isMissingNode() ? null : tree.toString();
        } catch (JsonException e) {
            return null;
        }
    }

    private static void agree(String text) {
        assertEquals(jackson(text), ours(text), () -> "for " + printable(text));
    }

    private static String printable(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "[]",
                "0",
                "-0",
                "-0.0",
                "1.5e3",
                "1E-7",
                "123456789012345678901234567890",
                "9223372036854775807",
                "-9223372036854775808",
                "9223372036854775808",
                "2147483648",
                "\"\"",
                "\"caf\\u00e9 \\ud83d\\ude00 \\\" \\\\ \\/ \\b\\f\\n\\r\\t \\u0001 \\u007f\"",
                "\"\u00e9\u4e2d\"",
                " { \"a\" : [ 1 , 2.5 , true , false , null , { } , [ ] ] } ",
                "{\"nested\":{\"deeper\":{\"list\":[[[\"x\"]]]}}}",
                "\t\r\n[\n1\n]\n",
                "true",
                "null",
                // Refused by both:
                "{\"a\":1,}",
                "[1,]",
                "[,1]",
                "{,}",
                "{\"a\"}",
                "{\"a\":}",
                "{a:1}",
                "{'a':1}",
                "['a']",
                "01",
                "-01",
                "1.",
                ".5",
                "+1",
                "-",
                "1e",
                "1e+",
                "NaN",
                "Infinity",
                "tru",
                "nul",
                "truex",
                "[true false]",
                "{\"a\":1 \"b\":2}",
                "{\"a\":1}{}",
                "[1] 2",
                "\"unterminated",
                "\"bad escape \\x\"",
                "\"short \\u12\"",
                "\"tab\tinside\"",
                "\"newline\ninside\"",
                "{\"a\":1,\"a\":2}",
                "{\"a\":{\"b\":1,\"b\":1}}",
                "// comment\n1",
                "/* comment */ 1",
                "[1] // trailing comment"
            })
    void handPickedDocuments_shouldBeReadAsJacksonReadsThem(String text) {
        agree(text);
    }

    @Test
    void nesting_shouldStopAtSixtyFourLevels() {
        agree("[".repeat(64) + "]".repeat(64));
        agree("[".repeat(65) + "]".repeat(65));
        assertEquals(64, depthOf(Json.read("[".repeat(64) + "]".repeat(64))));
        assertThrows(
                JsonException.class, () -> Json.read("{\"a\":".repeat(65) + "1" + "}".repeat(65)));
    }

    private static int depthOf(JsonNode node) {
        return node.isArray() ? 1 + (node.size() == 0 ? 0 : depthOf(node.get(0))) : 0;
    }

    @Test
    void emptyInput_shouldBeTheMissingNodeAndABodyError() {
        assertEquals(MissingNode.getInstance(), Json.read(" \n"));
        Json.MalformedJsonException e =
                assertThrows(Json.MalformedJsonException.class, () -> Json.parse("  "));
        assertEquals("The request body is empty.", e.getMessage());
    }

    @Test
    void malformedBody_shouldSayWhereAndWhat() {
        Json.MalformedJsonException e =
                assertThrows(
                        Json.MalformedJsonException.class, () -> Json.parse("{\n  \"a\": 1,\n}"));
        assertEquals("The request body is not valid JSON (line 3, column 1).", e.getMessage());
        JsonException detail =
                assertThrows(JsonException.class, () -> Json.read("[1, 2] x@example.com"));
        assertEquals(1, detail.line());
        assertTrue(detail.column() >= 8, "past the array: " + detail.column());
    }

    @Test
    void invalidUtf8_shouldBeRefused() {
        byte[] bytes = "{\"a\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        bytes[6] = (byte) 0xC3; // the start of a two-byte sequence, followed by '"'
        assertThrows(JsonException.class, () -> Json.read(bytes));
        byte[] bom = "\uFEFF[1]".getBytes(StandardCharsets.UTF_8);
        assertEquals("[1]", Json.read(bom).toString());
    }

    @Test
    void randomTrees_shouldRoundTripAsJacksonWritesThem() throws Exception {
        Random random = new Random(20261129);
        for (int i = 0; i < 2_000; i++) {
            JsonNode tree = randomValue(random, 0);
            String ours = tree.toString();
            // Jackson reads our output back to the same tree and writes the same text.
            assertEquals(ours, JACKSON.writeValueAsString(JACKSON.readTree(ours)));
            assertEquals(tree, Json.read(ours));
            assertEquals(tree, Json.read(tree.toPrettyString()));
            agree(tree.toPrettyString());
        }
    }

    @Test
    void mutatedDocuments_shouldBeAcceptedOrRefusedAsJacksonDoes() {
        Random random = new Random(7);
        String alphabet = "{}[]\":,.-+eE0123456789 \\/utrfalsn\n\tx'";
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder(randomValue(random, 0).toString());
            int edits = 1 + random.nextInt(2);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(text.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> {
                        if (at < text.length()) {
                            text.deleteCharAt(at);
                        }
                    }
                    default -> {
                        if (at < text.length()) {
                            text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                        }
                    }
                }
            }
            String mutated = text.toString();
            String expected = jackson(mutated);
            if (expected != null) {
                accepted++;
            }
            if (!java.util.Objects.equals(expected, ours(mutated))) {
                fail("Jackson " + expected + " but ours " + ours(mutated) + " for " + mutated);
            }
        }
        // Both outcomes are exercised, not only refusals.
        if (accepted < 1_000 || accepted > 19_000) {
            fail("Mutations accepted: " + accepted + " of 20000");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"text\"",
                "\" 42 \"",
                "\"4.5\"",
                "\"true\"",
                "\" false \"",
                "\"\"",
                "0",
                "7",
                "-3",
                "12345678901",
                "3.75",
                "-0.5",
                "1e2",
                "true",
                "false",
                "null",
                "{}",
                "{\"a\":1}",
                "[]",
                "[1,2]"
            })
    void accessors_shouldConvertAsJacksonDoes(String text) throws Exception {
        com.fasterxml.jackson.databind.JsonNode theirs =
                JACKSON.readTree("{\"v\":" + text + "}").path("v");
        JsonNode ours = Json.read("{\"v\":" + text + "}").path("v");
        assertEquals(theirs.asText(), ours.asText(), "asText");
        assertEquals(theirs.asText("d"), ours.asText("d"), "asText(default)");
        assertEquals(theirs.textValue(), ours.textValue(), "textValue");
        assertEquals(theirs.asLong(-1), ours.asLong(-1), "asLong");
        assertEquals(theirs.asInt(-1), ours.asInt(-1), "asInt");
        assertEquals(theirs.asBoolean(true), ours.asBoolean(true), "asBoolean(true)");
        assertEquals(theirs.asBoolean(false), ours.asBoolean(false), "asBoolean(false)");
        assertEquals(theirs.isTextual(), ours.isTextual(), "isTextual");
        assertEquals(theirs.isNumber(), ours.isNumber(), "isNumber");
        assertEquals(theirs.isIntegralNumber(), ours.isIntegralNumber(), "isIntegralNumber");
        assertEquals(theirs.isInt(), ours.isInt(), "isInt");
        assertEquals(theirs.isBoolean(), ours.isBoolean(), "isBoolean");
        assertEquals(theirs.isNull(), ours.isNull(), "isNull");
        assertEquals(theirs.isObject(), ours.isObject(), "isObject");
        assertEquals(theirs.isArray(), ours.isArray(), "isArray");
        assertEquals(theirs.size(), ours.size(), "size");
        assertEquals(theirs.canConvertToLong(), ours.canConvertToLong(), "canConvertToLong");
        assertEquals(theirs.booleanValue(), ours.booleanValue(), "booleanValue");
        assertEquals(theirs.longValue(), ours.longValue(), "longValue");
        JsonNode missing = ours.path("nope");
        assertEquals(theirs.path("nope").isMissingNode(), missing.isMissingNode());
        assertEquals(theirs.get("nope") == null, ours.get("nope") == null);
        assertEquals(theirs.path(0).isMissingNode(), ours.path(0).isMissingNode());
    }

    @Test
    void builtTrees_shouldWriteAsJacksonWritesThem() throws Exception {
        ObjectNode ours = Json.object();
        com.fasterxml.jackson.databind.node.ObjectNode theirs = JACKSON.createObjectNode();
        ours.put("s", "x\u2028y").put("i", 3).put("l", 1L << 40).put("d", 0.1).put("b", true);
        theirs.put("s", "x\u2028y").put("i", 3).put("l", 1L << 40).put("d", 0.1).put("b", true);
        ours.put("nullText", (String) null).putNull("n");
        theirs.put("nullText", (String) null).putNull("n");
        ours.put("big", new java.math.BigDecimal("12.50"));
        theirs.put("big", new java.math.BigDecimal("12.50"));
        ours.putArray("list").add("a").add(2).addObject().put("deep", false);
        theirs.putArray("list").add("a").add(2).addObject().put("deep", false);
        ours.putObject("empty");
        theirs.putObject("empty");
        assertEquals(JACKSON.writeValueAsString(theirs), ours.toString());
        assertEquals(
                JACKSON.writeValueAsString(
                        java.util.Map.of("list", List.of(1, "two", java.util.Map.of("k", 2.5)))),
                Json.write(
                        java.util.Map.of("list", List.of(1, "two", java.util.Map.of("k", 2.5)))));
        assertEquals(ours, Json.read(ours.toPrettyString()));
    }

    private static final List<String> WORDS =
            List.of(
                    "",
                    "a",
                    "é",
                    "line\nbreak",
                    "quote\"",
                    "back\\slash",
                    "tab\t",
                    "\u0000",
                    "😀",
                    "/");

    private static JsonNode randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 4 ? 5 : 7);
        switch (kind) {
            case 0:
                return TextNode.valueOf(
                        WORDS.get(random.nextInt(WORDS.size())) + random.nextInt(99));
            case 1:
                return NumberNode.valueOf(
                        random.nextInt(5) == 0 ? random.nextLong() : random.nextInt(1000) - 500);
            case 2:
                return NumberNode.valueOf(Math.round(random.nextDouble() * 1e6) / 1e3);
            case 3:
                return BooleanNode.valueOf(random.nextBoolean());
            case 4:
                return NullNode.getInstance();
            case 5:
                {
                    ArrayNode array = Json.array();
                    int size = random.nextInt(4);
                    for (int i = 0; i < size; i++) {
                        array.add(randomValue(random, depth + 1));
                    }
                    return array;
                }
            default:
                {
                    ObjectNode object = Json.object();
                    int size = random.nextInt(4);
                    for (int i = 0; i < size; i++) {
                        object.set(
                                "k" + i + WORDS.get(random.nextInt(WORDS.size())),
                                randomValue(random, depth + 1));
                    }
                    return object;
                }
        }
    }
}
