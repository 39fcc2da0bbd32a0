package org.newsroom.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FormDataTest {

    @Test
    void parse_shouldKeepRepeatedFieldsInOrder() {
        FormData form =
                FormData.parse(
                        "email=a%40b.example&newsletters=daily&newsletters=weekly&newsletters=climate");
        assertEquals(List.of("daily", "weekly", "climate"), form.all("newsletters"));
        assertEquals(Optional.of("daily"), form.first("newsletters"));
    }

    @Test
    void parse_shouldDecodePlusAndPercentEscapes() {
        FormData form =
                FormData.parse(
                        "name=Ana+Reyes&email=ana%2Breaders%40news.example&city=S%C3%A3o+Paulo");
        assertEquals(Optional.of("Ana Reyes"), form.first("name"));
        assertEquals(Optional.of("ana+readers@news.example"), form.first("email"));
        assertEquals(Optional.of("São Paulo"), form.first("city"));
    }

    @Test
    void parse_shouldKeepEmptyAndValuelessFields() {
        FormData form = FormData.parse("website=&flag&&email=x");
        assertTrue(form.has("website"));
        assertEquals(Optional.of(""), form.first("website"));
        assertEquals(Optional.of(""), form.first("flag"));
        assertFalse(form.has("missing"));
        assertEquals(List.of(), form.all("missing"));
        assertEquals(Optional.empty(), form.first("missing"));
    }

    @Test
    void parse_shouldGiveNoFields_forEmptyOrNullBody() {
        assertFalse(FormData.parse("").has("email"));
        assertFalse(FormData.parse(null).has("email"));
    }

    @Test
    void parse_shouldReject_whenEscapeIsMalformed() {
        for (String body : List.of("email=%zz", "email=abc%", "email=%4")) {
            ProblemException e =
                    assertThrows(ProblemException.class, () -> FormData.parse(body), body);
            assertEquals(400, e.problem().status());
            assertEquals("urn:newsroom:problem:bad-request", e.problem().type());
        }
    }

    @Test
    void parseMultipart_shouldReadTextFields_andIgnoreFiles() {
        String body =
                "--xyz\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n"
                        + "--xyz\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"a.txt\"\r\n\r\nfile\r\n--xyz--\r\n";
        FormData form = FormData.parseMultipart(body.getBytes(StandardCharsets.UTF_8), "xyz");
        assertEquals(List.of("One-Click"), form.all("List-Unsubscribe"));
        assertFalse(form.has("upload"));
        assertEquals(
                Optional.of("xyz"),
                MultipartForm.boundary("multipart/form-data; boundary=\"xyz\""));
    }

    @Test
    void decode_shouldReadMultipart_fromABase64EncodedGatewayBody() {
        String body =
                "--b1\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--b1--\r\n";
        APIGatewayV2HTTPEvent event = form("multipart/form-data; boundary=b1", body);
        FormData form = FormData.decode(HttpRequest.of(event), 1024).orElseThrow();
        assertEquals(Optional.of("One-Click"), form.first("List-Unsubscribe"));
    }

    @Test
    void decode_shouldReadUrlencoded_andBeEmptyForJson() {
        assertEquals(
                Optional.of("daily"),
                FormData.decode(
                                HttpRequest.of(
                                        form(
                                                "application/x-www-form-urlencoded",
                                                "newsletters=daily")),
                                1024)
                        .orElseThrow()
                        .first("newsletters"));
        assertTrue(FormData.decode(HttpRequest.of(form("application/json", "{}")), 1024).isEmpty());
    }

    @Test
    void decode_shouldRefuseMultipartWithoutBoundary_andBodiesOverTheLimit() {
        ProblemException noBoundary =
                assertThrows(
                        ProblemException.class,
                        () ->
                                FormData.decode(
                                        HttpRequest.of(form("multipart/form-data", "x")), 1024));
        assertEquals(400, noBoundary.problem().status());
        ProblemException tooLarge =
                assertThrows(
                        ProblemException.class,
                        () ->
                                FormData.decode(
                                        HttpRequest.of(
                                                form(
                                                        "multipart/form-data; boundary=b",
                                                        "x".repeat(2000))),
                                        1024));
        assertEquals(413, tooLarge.problem().status());
    }

    private static APIGatewayV2HTTPEvent form(String contentType, String body) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setHeaders(java.util.Map.of("content-type", contentType));
        event.setBody(Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);
        return event;
    }
}
