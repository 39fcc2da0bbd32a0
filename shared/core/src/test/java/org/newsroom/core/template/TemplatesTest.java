package org.newsroom.core.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {

    @Test
    void render_shouldEscape_afterTheTemplateWasPrepared() {
        Templates.prepare(TemplatesTest.class, "greeting.html.mustache");
        assertEquals(
                "<p>Hello &lt;b&gt;Ana&lt;/b&gt;</p>\n",
                Templates.render(
                        TemplatesTest.class,
                        "greeting.html.mustache",
                        Map.of("name", "<b>Ana</b>")));
    }

    @Test
    void prepare_shouldCompileAtOnce_soAMissingTemplateFailsThere() {
        assertThrows(
                IllegalStateException.class,
                () -> Templates.prepare(TemplatesTest.class, "missing.html.mustache"));
    }
}
