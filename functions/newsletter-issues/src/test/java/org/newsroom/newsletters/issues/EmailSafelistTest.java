package org.newsroom.newsletters.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jsoup.internal.StringUtil;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Safelist;
import org.junit.jupiter.api.Test;

class EmailSafelistTest {

    /** jsoup's protocol table of a safelist, as tag -> attribute -> protocols. */
    private static Map<String, Map<String, Set<String>>> protocols(Safelist safelist)
            throws ReflectiveOperationException {
        Field field = Safelist.class.getDeclaredField("protocols");
        field.setAccessible(true);
        Map<String, Map<String, Set<String>>> table = new TreeMap<>();
        ((Map<?, ?>) field.get(safelist))
                .forEach(
                        (tag, attributes) ->
                                ((Map<?, ?>) attributes)
                                        .forEach(
                                                (attribute, allowed) -> {
                                                    Set<String> names = new TreeSet<>();
                                                    ((Set<?>) allowed)
                                                            .forEach(p -> names.add(p.toString()));
                                                    table.computeIfAbsent(
                                                                    tag.toString(),
                                                                    t -> new TreeMap<>())
                                                            .put(attribute.toString(), names);
                                                }));
        return table;
    }

    @Test
    void urlProtocols_shouldBeJsoupsRelaxedOnes_andLeaveJsoupNoneToCheck()
            throws ReflectiveOperationException {
        Map<String, Map<String, Set<String>>> ours = new TreeMap<>();
        EmailSafelist.URL_PROTOCOLS.forEach(
                (tag, attributes) ->
                        attributes.forEach(
                                (attribute, prefixes) -> {
                                    Set<String> names = new TreeSet<>();
                                    prefixes.forEach(
                                            p -> names.add(p.substring(0, p.length() - 1)));
                                    ours.computeIfAbsent(tag, t -> new TreeMap<>())
                                            .put(attribute, names);
                                }));
        assertEquals(protocols(Safelist.relaxed()), ours);
        assertEquals(Map.of(), protocols(new EmailSafelist()));
    }

    @Test
    void withoutBase_shouldResolveAsJsoupDoesAgainstAnEmptyBase_overManyUrls() {
        Random random = new Random(5);
        String[] pieces = {
            "https",
            "http",
            "HTTP",
            "mailto",
            "ftp",
            "javascript",
            "java",
            "\t",
            "\u0001",
            ":",
            "//",
            "/",
            "example.org",
            "user@",
            "..",
            ".",
            "?q=1",
            "#f",
            " ",
            "%zz",
            "例",
            "[::1]",
            ":8080",
            "a+b",
            "-",
            "@",
            "\\"
        };
        for (int i = 0; i < 5_000; i++) {
            StringBuilder url = new StringBuilder();
            for (int n = random.nextInt(8); n >= 0; n--) {
                url.append(pieces[random.nextInt(pieces.length)]);
            }
            String value = url.toString();
            assertEquals(StringUtil.resolve("", value), EmailSafelist.withoutBase(value), value);
        }
    }

    @Test
    void withoutControlCharacters_shouldDropOnlyU0000ToU001F() {
        assertEquals(
                "javascript:x", EmailSafelist.withoutControlCharacters("java\tscript:\u0000x"));
        assertEquals("a b\u007f\u00a0", EmailSafelist.withoutControlCharacters("a b\u007f\u00a0"));
    }

    @Test
    void isSafeAttribute_shouldRewriteAndKeepAllowedUrls_andRefuseOthers() {
        EmailSafelist safelist = new EmailSafelist();
        Element link = new Element("a");
        Attribute https = new Attribute("href", "HTTPS://example.org/x");
        assertTrue(safelist.isSafeAttribute("a", link, https));
        assertEquals("https://example.org/x", https.getValue());
        assertFalse(safelist.isSafeAttribute("a", link, new Attribute("href", "javascript:x()")));
        assertFalse(safelist.isSafeAttribute("img", link, new Attribute("src", "mailto:x@y.org")));
        assertTrue(safelist.isSafeAttribute("a", link, new Attribute("title", "javascript:x()")));
    }
}
