package org.newsroom.core.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonLocation;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonProcessingException;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import software.amazon.awssdk.thirdparty.jackson.core.StreamReadConstraints;
import software.amazon.awssdk.thirdparty.jackson.core.StreamReadFeature;

/**
 * Builds the tree from Jackson's streaming parser (jackson-core only: the data-binding layer is
 * several hundred classes that a cold start would load for nothing). Strict: a repeated field name,
 * anything after the value, nesting deeper than {@link #MAX_DEPTH}, a string longer than {@link
 * #MAX_STRING} characters, comments, single quotes and the other lenient extensions are errors.
 */
final class JsonReader {

    static final int MAX_DEPTH = 64;
    static final int MAX_STRING = 1_000_000;

    /** Thread-safe once built; shared by reading and writing. */
    static final JsonFactory FACTORY =
            JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(
                            StreamReadConstraints.builder()
                                    .maxNestingDepth(MAX_DEPTH)
                                    .maxStringLength(MAX_STRING)
                                    .build())
                    .build();

    private JsonReader() {}

    /** The value, or {@code null} when the text holds nothing but white space. */
    static JsonNode read(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            return root(parser);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #read(String)}, from bytes in UTF-8 (or UTF-16/32 with a byte-order mark). */
    static JsonNode read(byte[] bytes) {
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            return root(parser);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode root(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            return null;
        }
        JsonNode value = value(parser, first);
        if (parser.nextToken() != null) {
            JsonLocation at = parser.currentTokenLocation();
            throw new JsonException(
                    "Unexpected text after the JSON value", at.getLineNr(), at.getColumnNr());
        }
        return value;
    }

    static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT:
                {
                    ObjectNode object = new ObjectNode();
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        object.set(name, value(parser, parser.nextToken()));
                    }
                    return object;
                }
            case START_ARRAY:
                {
                    ArrayNode array = new ArrayNode();
                    JsonToken next;
                    while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                        array.add(value(parser, next));
                    }
                    return array;
                }
            case VALUE_STRING:
                return TextNode.valueOf(parser.getText());
            case VALUE_NUMBER_INT:
                switch (parser.getNumberType()) {
                    case INT:
                        return NumberNode.valueOf(parser.getIntValue());
                    case LONG:
                        return NumberNode.valueOf(parser.getLongValue());
                    default:
                        return NumberNode.valueOf(parser.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NumberNode.valueOf(parser.getDoubleValue());
            case VALUE_TRUE:
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                return BooleanNode.FALSE;
            case VALUE_NULL:
                return NullNode.INSTANCE;
            default:
                JsonLocation at = parser.currentTokenLocation();
                throw new JsonException("Unexpected " + token, at.getLineNr(), at.getColumnNr());
        }
    }

    static JsonException malformed(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String message = e.getOriginalMessage();
        // The first line says what; the rest is the parser's hint about lenient features.
        int end = message.indexOf('\n');
        return new JsonException(
                end < 0 ? message : message.substring(0, end),
                at == null ? 0 : at.getLineNr(),
                at == null ? 0 : at.getColumnNr());
    }
}
