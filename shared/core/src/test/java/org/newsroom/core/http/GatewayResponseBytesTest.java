package org.newsroom.core.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-assembled response bytes against the generator's ({@link GatewayJson#write} of {@link
 * HttpResponse#toGateway()}), byte for byte, over generated responses.
 */
class GatewayResponseBytesTest {

    private static final String CHARACTERS =
            "aZ09 -/<>&'\"\\\u0000\u0001\u0008\t\n\u000b\f\r\u001f\u007f"
                    + "\u0080\u00e9\u07ff\u0800\u20ac\u2028\uffff\ud83d\ude00\ud800\udfff";

    private final Random random = new Random(20261130L);

    private String text(int maxLength) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            text.append(CHARACTERS.charAt(random.nextInt(CHARACTERS.length())));
        }
        return text.toString();
    }

    private HttpResponse response() {
        Map<String, String> headers = new LinkedHashMap<>();
        String body = random.nextInt(5) == 0 ? null : text(random.nextInt(20) == 0 ? 30_000 : 300);
        if (body != null || random.nextBoolean()) {
            headers.put("content-type", HttpResponse.JSON);
        }
        for (int i = random.nextInt(4); i > 0; i--) {
            headers.put(text(10), text(30));
        }
        List<String> cookies = new java.util.ArrayList<>();
        for (int i = random.nextInt(8) == 0 ? 1 + random.nextInt(3) : 0; i > 0; i--) {
            cookies.add(text(40));
        }
        return new HttpResponse(100 + random.nextInt(500), headers, cookies, body);
    }

    private static byte[] viaGenerator(HttpResponse response) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GatewayJson.write(response.toGateway(), bytes);
        return bytes.toByteArray();
    }

    private static byte[] direct(HttpResponse response) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GatewayJson.write(response, bytes);
        return bytes.toByteArray();
    }

    @Test
    void write_shouldGiveTheGeneratorsBytes_overGeneratedResponses_repeatedOrNot()
            throws IOException {
        HttpResponse previous = response();
        for (int i = 0; i < 3_000; i++) {
            // A warm read answers the body before it again more often than not.
            HttpResponse response = random.nextInt(3) == 0 ? response() : previous;
            byte[] expected = viaGenerator(response);
            assertArrayEquals(expected, direct(response), "response " + i);
            assertArrayEquals(expected, direct(response), "response " + i + " again");
            previous = response;
        }
    }

    @Test
    void write_shouldEscapeSurrogatesAsTheGeneratorDoes_andKeepOtherTextAsUtf8()
            throws IOException {
        HttpResponse response =
                HttpResponse.json(200, "caf\u00e9 \u20ac \ud83d\ude00 \ud800 \u0001");
        String written = new String(direct(response), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(
                written.contains("\"caf\u00e9 \u20ac \\uD83D\\uDE00 \\uD800 \\u0001\""), written);
        assertArrayEquals(viaGenerator(response), direct(response));
    }

    @Test
    void write_shouldCloseTheStream_asTheGeneratorDid() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream bytes =
                new ByteArrayOutputStream() {
                    @Override
                    public void close() {
                        closed[0] = true;
                    }
                };
        GatewayJson.write(HttpResponse.empty(204), bytes);
        assertTrue(closed[0]);
        assertEquals(
                "{\"statusCode\":204,\"headers\":{},\"isBase64Encoded\":false}",
                bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
    }
}
