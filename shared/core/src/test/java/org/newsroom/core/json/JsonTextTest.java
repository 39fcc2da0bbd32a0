package org.newsroom.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    private static final String CHARACTERS =
            "ab Z09-/<>&'\"\\\u0000\u0001\u0008\t\n\u000b\f\r\u001e\u001f\u007f"
                    + "\u0080\u00e9\u0100\u2028\u20ac\ufffd\ud83d\ude00\ud800\udfff";

    @Test
    void appendString_shouldEscapeExactlyAsTheGenerator_overGeneratedTexts() {
        Random random = new Random(20261130L);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                text.append(CHARACTERS.charAt(random.nextInt(CHARACTERS.length())));
            }
            String value = text.toString();
            StringBuilder out = new StringBuilder("x");
            assertEquals(
                    "x" + Json.toNode(value).toString(),
                    JsonText.appendString(out, value).toString(),
                    value);
        }
    }

    @Test
    void appendString_shouldWriteNullAsJsonNull() {
        assertEquals("[null", JsonText.appendString(new StringBuilder("["), null).toString());
    }

    @Test
    void appendString_shouldEscapeEveryControlCharacter_likeTheGenerator() {
        for (char c = 0; c < 0x80; c++) {
            String value = "a" + c + "b";
            assertEquals(
                    Json.toNode(value).toString(),
                    JsonText.appendString(new StringBuilder(), value).toString(),
                    "character " + (int) c);
        }
    }
}
