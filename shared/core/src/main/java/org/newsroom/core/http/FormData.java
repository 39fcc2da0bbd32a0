package org.newsroom.core.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed {@code application/x-www-form-urlencoded} body; repeated fields keep their order. */
public final class FormData {

    private final Map<String, List<String>> fields;

    private FormData(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    public static FormData parse(String body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (body != null && !body.isEmpty()) {
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        return new FormData(fields);
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.badRequest("The form data is not correctly encoded."));
        }
    }

    public Optional<String> first(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> all(String name) {
        return fields.getOrDefault(name, List.of());
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }
}
