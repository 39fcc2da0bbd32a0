package org.newsroom.core.http;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FormDataTest {

    @Test
    void parse_shouldKeepRepeatedFieldsInOrder() {
        FormData form = FormData.parse("email=a%40b.example&newsletters=daily&newsletters=weekly&newsletters=climate");
        assertEquals(List.of("daily", "weekly", "climate"), form.all("newsletters"));
        assertEquals(Optional.of("daily"), form.first("newsletters"));
    }

    @Test
    void parse_shouldDecodePlusAndPercentEscapes() {
        FormData form = FormData.parse("name=Ana+Reyes&email=ana%2Breaders%40news.example&city=S%C3%A3o+Paulo");
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
            ProblemException e = assertThrows(ProblemException.class, () -> FormData.parse(body), body);
            assertEquals(400, e.problem().status());
            assertEquals("urn:newsroom:problem:bad-request", e.problem().type());
        }
    }
}
