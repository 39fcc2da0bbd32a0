package org.newsroom.articles.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.newsroom.articles.Article;
import org.newsroom.articles.Audio;
import org.newsroom.articles.Slugs;
import org.newsroom.core.http.FieldError;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.time.Timestamps;

/**
 * Validates an editor's PUT body and builds the article to store: every problem is reported at
 * once, per field, so an editing tool can show them all.
 */
final class ArticleInput {

    static final int MAX_HEADLINE = 200;
    static final int MAX_SUMMARY = 600;

    /** Characters of body HTML; bytes are bounded too, below DynamoDB's 400 KB item limit. */
    static final int MAX_BODY = 200_000;

    static final int MAX_BODY_BYTES = 300_000;
    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    static final int MAX_AUTHORS = 10;
    static final int MAX_AUTHOR = 100;
    static final int MAX_TAGS = 10;
    static final int MAX_RELATED = 10;
    static final int WORDS_PER_MINUTE = 230;

    private static final Set<String> FIELDS =
            Set.of(
                    "headline",
                    "summary",
                    "body",
                    "authors",
                    "section",
                    "tags",
                    "publishedAt",
                    "audio",
                    "featured",
                    "related");

    private ArticleInput() {}

    /** The article to store, or the list of field errors. */
    static Result parse(String slug, JsonNode json, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        if (!Slugs.isValid(slug)) {
            errors.add(
                    new FieldError(
                            "slug",
                            "The slug must be lower-case words joined by hyphens, at most "
                                    + Slugs.MAX_LENGTH
                                    + " characters, such as 'city-budget-2027'."));
        }
        if (json == null || !json.isObject()) {
            errors.add(new FieldError("body", "The request body must be a JSON object."));
            return new Result(null, errors);
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "Unknown field '" + name + "'."));
            }
        }
        String headline = text(json, "headline", MAX_HEADLINE, true, errors);
        String summary = text(json, "summary", MAX_SUMMARY, true, errors);
        String rawBody = text(json, "body", MAX_BODY, true, errors);
        if (rawBody != null
                && rawBody.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                        > MAX_BODY_BYTES) {
            errors.add(
                    new FieldError(
                            "body",
                            "body must be at most "
                                    + (MAX_BODY_BYTES / 1000)
                                    + " KB of text (UTF-8); split very long pieces."));
            rawBody = null;
        }
        List<String> authors = strings(json, "authors", MAX_AUTHORS, errors, false);
        if (json.has("authors")
                && authors.isEmpty()
                && errors.stream().noneMatch(e -> e.field().equals("authors"))) {
            errors.add(new FieldError("authors", "Name at least one author."));
        } else if (!json.has("authors")) {
            errors.add(new FieldError("authors", "authors is required: a list of bylines."));
        }
        for (String author : authors) {
            if (author.isBlank() || author.length() > MAX_AUTHOR) {
                errors.add(
                        new FieldError(
                                "authors",
                                "Each author must have 1 to " + MAX_AUTHOR + " characters."));
                break;
            }
        }
        String section = text(json, "section", Slugs.MAX_LENGTH, true, errors);
        if (section != null && !Slugs.isValid(section)) {
            errors.add(new FieldError("section", "The section must be a slug such as 'climate'."));
        }
        List<String> tags = normalise(strings(json, "tags", MAX_TAGS, errors, true));
        if (!allSlugs(tags)) {
            errors.add(
                    new FieldError("tags", "Each tag must be a slug such as 'local-elections'."));
        }
        List<String> related = normalise(strings(json, "related", MAX_RELATED, errors, true));
        if (!allSlugs(related)) {
            errors.add(new FieldError("related", "Each related entry must be an article slug."));
        }
        if (related.contains(slug)) {
            errors.add(new FieldError("related", "An article cannot be related to itself."));
        }
        Instant publishedAt = now;
        JsonNode published = json.get("publishedAt");
        if (published != null && !published.isNull()) {
            try {
                publishedAt = Timestamps.parse(published.asText());
                // Listings sort publish times as text: only four-digit years keep that order.
                if (!published.isTextual()
                        || publishedAt.isBefore(EARLIEST)
                        || !publishedAt.isBefore(LATEST)) {
                    throw new DateTimeParseException("out of range", published.toString(), 0);
                }
            } catch (DateTimeParseException e) {
                errors.add(
                        new FieldError(
                                "publishedAt",
                                "publishedAt must be a UTC time between the years 1900 and 9999, such as '2027-01-31T09:00:00Z'."));
            }
        }
        Optional<Audio> audio = audio(json.get("audio"), errors);
        boolean featured = false;
        JsonNode featuredNode = json.get("featured");
        if (featuredNode != null && !featuredNode.isNull()) {
            if (!featuredNode.isBoolean()) {
                errors.add(new FieldError("featured", "featured must be true or false."));
            } else {
                featured = featuredNode.booleanValue();
            }
        }
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        HtmlSanitizer.Cleaned cleaned = HtmlSanitizer.sanitise(rawBody);
        if (!cleaned.complete()) {
            return new Result(
                    null,
                    List.of(
                            new FieldError(
                                    "body",
                                    "body must nest elements at most "
                                            + (HtmlSanitizer.MAX_DEPTH - 1)
                                            + " deep, or what lies deeper would be lost;"
                                            + " flatten the markup.")));
        }
        String body = cleaned.html();
        // Cleaning can lengthen the HTML (rel attributes on links): the stored size is what counts.
        if (body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            return new Result(
                    null,
                    List.of(
                            new FieldError(
                                    "body",
                                    "body must be at most "
                                            + (MAX_BODY_BYTES / 1000)
                                            + " KB of text (UTF-8) once cleaned; split very long pieces.")));
        }
        int minutes = readingTimeMinutes(cleaned.text());
        Article article =
                new Article(
                        slug,
                        headline.strip(),
                        summary.strip(),
                        body,
                        stripped(authors),
                        section,
                        tags,
                        publishedAt,
                        now,
                        minutes,
                        audio,
                        featured,
                        related,
                        true);
        return new Result(article, List.of());
    }

    static int readingTimeMinutes(String text) {
        int words = words(text.strip());
        return Math.max(1, (words + WORDS_PER_MINUTE - 1) / WORDS_PER_MINUTE);
    }

    /**
     * Runs of characters between ASCII whitespace (what {@code split("\\s+")} would count, without
     * a regular expression on every save).
     */
    static int words(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space =
                    c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }

    private static String text(
            JsonNode json, String field, int max, boolean required, List<FieldError> errors) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(new FieldError(field, field + " is required."));
            }
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(field, field + " must be text."));
            return null;
        }
        String value = node.textValue();
        if (value.isBlank()) {
            errors.add(new FieldError(field, field + " must not be empty."));
            return null;
        }
        if (value.length() > max) {
            errors.add(new FieldError(field, field + " must be at most " + max + " characters."));
            return null;
        }
        return value;
    }

    private static List<String> strings(
            JsonNode json, String field, int max, List<FieldError> errors, boolean optional) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            errors.add(new FieldError(field, field + " must be a list of text values."));
            return List.of();
        }
        if (node.size() > max) {
            errors.add(new FieldError(field, field + " can have at most " + max + " entries."));
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                errors.add(new FieldError(field, field + " must be a list of text values."));
                return List.of();
            }
            values.add(item.textValue());
        }
        return values;
    }

    private static boolean allSlugs(List<String> values) {
        for (String value : values) {
            if (!Slugs.isValid(value)) {
                return false;
            }
        }
        return true;
    }

    private static List<String> stripped(List<String> values) {
        String[] stripped = new String[values.size()];
        for (int i = 0; i < stripped.length; i++) {
            stripped[i] = values.get(i).strip();
        }
        return List.of(stripped);
    }

    private static List<String> normalise(List<String> values) {
        Set<String> unique = new LinkedHashSet<>();
        values.forEach(v -> unique.add(v.strip().toLowerCase(Locale.ROOT)));
        return List.copyOf(unique);
    }

    private static Optional<Audio> audio(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isObject() || !node.path("url").isTextual()) {
            errors.add(
                    new FieldError(
                            "audio",
                            "audio must be an object with a 'url' and an 'aiNarrated' flag."));
            return Optional.empty();
        }
        String url = node.path("url").textValue();
        try {
            URI uri = new URI(url);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null || url.length() > 2000) {
                throw new URISyntaxException(url, "not https");
            }
        } catch (URISyntaxException e) {
            errors.add(new FieldError("audio.url", "The audio URL must be an https address."));
            return Optional.empty();
        }
        JsonNode ai = node.get("aiNarrated");
        if (ai == null || !ai.isBoolean()) {
            errors.add(
                    new FieldError(
                            "audio.aiNarrated",
                            "Say whether the audio is AI-narrated: true or false."));
            return Optional.empty();
        }
        return Optional.of(new Audio(url, ai.booleanValue()));
    }

    /** Either an article or the reasons there is none. */
    record Result(Article article, List<FieldError> errors) {}
}
