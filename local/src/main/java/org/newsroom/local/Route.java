package org.newsroom.local;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One HttpApi route of the template: method, path template and whether it needs IAM auth. */
record Route(
        String functionId,
        String method,
        String path,
        boolean iam,
        Pattern pattern,
        java.util.List<String> names) {

    static Route of(String functionId, String method, String path, boolean iam) {
        java.util.List<String> names = new java.util.ArrayList<>();
        StringBuilder regex = new StringBuilder("^");
        Matcher m = Pattern.compile("\\{([^}+]+)(\\+?)}").matcher(path);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(path.substring(last, m.start())));
            names.add(m.group(1));
            regex.append(m.group(2).isEmpty() ? "([^/]+)" : "(.+)");
            last = m.end();
        }
        regex.append(Pattern.quote(path.substring(last))).append("$");
        return new Route(
                functionId,
                method.toUpperCase(java.util.Locale.ROOT),
                path,
                iam,
                Pattern.compile(regex.toString()),
                names);
    }

    /** The route key API Gateway puts in the event, such as {@code GET /articles/{slug}}. */
    String routeKey() {
        return method + " " + path;
    }

    boolean matchesMethod(String requestMethod) {
        return method.equals("ANY") || method.equals(requestMethod);
    }

    /** Path parameters when the path matches (URL-decoded, as the gateway delivers them). */
    Optional<Map<String, String>> match(String rawPath) {
        Matcher m = pattern.matcher(rawPath);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            params.put(
                    names.get(i),
                    java.net.URLDecoder.decode(
                            m.group(i + 1).replace("+", "%2B"),
                            java.nio.charset.StandardCharsets.UTF_8));
        }
        return Optional.of(params);
    }
}
