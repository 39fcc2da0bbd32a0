package org.newsroom.newsletters.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.net.URL;
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
    void isPlainWebUrl_shouldAcceptOnlyUrlsThatUrlWritesBackUnchanged_overManyWebUrls()
            throws Exception {
        Random random = new Random(6);
        String[] schemes = {"https://", "http://", "HTTPS://", "Http://", "https:/", "https:"};
        String[] hosts = {
            "example.org",
            "EXAMPLE.org",
            "cdn-1.example.org",
            "",
            "a",
            "例.org",
            "[::1]",
            "x_y.org",
            "user@example.org",
            "example.org:443",
            "example.org:",
            "example.org.",
            "-",
            "1.2.3.4"
        };
        String[] rest = {
            "",
            "/",
            "/detours",
            "//",
            "/.",
            "/..",
            "/./",
            "/../",
            ".",
            "..",
            "?",
            "?q=1&r=2",
            "#",
            "#f",
            "#a#b",
            "%20",
            "%zz",
            " ",
            "\\",
            "|",
            "^",
            "`",
            "{",
            "}",
            "\"",
            "<",
            ">",
            "[",
            "]",
            "例",
            "é",
            "~",
            "+",
            ",",
            ";",
            ":",
            "@",
            "!",
            "*",
            "'",
            "(",
            ")",
            "$",
            "=",
            "&",
            "-",
            "_",
            "A",
            "z",
            "9"
        };
        int accepted = 0;
        for (int i = 0; i < 40_000; i++) {
            StringBuilder url =
                    new StringBuilder(schemes[random.nextInt(schemes.length)])
                            .append(hosts[random.nextInt(hosts.length)]);
            for (int n = random.nextInt(8); n > 0; n--) {
                url.append(rest[random.nextInt(rest.length)]);
            }
            String value = url.toString();
            if (EmailSafelist.isPlainWebUrl(value)) {
                accepted++;
                assertEquals(new URL(value).toExternalForm(), value, value);
            }
            assertEquals(StringUtil.resolve("", value), EmailSafelist.withoutBase(value), value);
        }
        assertTrue(accepted > 800, "accepted " + accepted);
        assertTrue(EmailSafelist.isPlainWebUrl("https://example.org/detours"));
        assertTrue(EmailSafelist.isPlainWebUrl("http://cdn.example.org/logo.png?w=600#top"));
        assertFalse(EmailSafelist.isPlainWebUrl("HTTPS://example.org/"));
        assertFalse(EmailSafelist.isPlainWebUrl("https://example.org/a/../b"));
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
