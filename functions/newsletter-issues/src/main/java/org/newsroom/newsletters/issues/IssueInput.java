package org.newsroom.newsletters.issues;

import java.util.ArrayList;
import java.util.List;
import org.newsroom.core.http.FieldError;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.Problem;
import org.newsroom.core.http.ProblemException;
import org.newsroom.core.json.JsonNode;
import org.newsroom.issues.IssueContent;

/**
 * An issue as an editor sends it: {@code {subject, html, text?, preheader?}}, validated in one pass
 * so the answer lists every invalid field. Too-large fields answer 413, other problems 400.
 */
final class IssueInput {

    /** Whole request body; above the fields' sum so the field limits are what editors meet. */
    static final int MAX_BODY_BYTES = 512 * 1024;

    static final int MAX_SUBJECT = 200;
    static final int MAX_PREHEADER = 200;

    /**
     * Gmail clips messages above about 102 KB; this leaves room for long issues, not for
     * attachments.
     */
    static final int MAX_HTML = 200_000;

    static final int MAX_TEXT = 100_000;

    private IssueInput() {}

    /**
     * The validated, sanitised content; throws {@link ProblemException} with every invalid field.
     */
    static IssueContent parse(HttpRequest request) {
        JsonNode body = JsonBody.object(request, MAX_BODY_BYTES);
        List<FieldError> invalid = new ArrayList<>();
        List<FieldError> tooLarge = new ArrayList<>();
        String subject = string(body, "subject", invalid);
        String html = string(body, "html", invalid);
        String text = string(body, "text", invalid);
        String preheader = string(body, "preheader", invalid);
        if (subject == null || subject.isBlank()) {
            invalid.add(new FieldError("subject", "Please give the issue a subject."));
        } else if (subject.length() > MAX_SUBJECT) {
            tooLarge.add(
                    new FieldError(
                            "subject",
                            "The subject must not exceed " + MAX_SUBJECT + " characters."));
        } else if (hasControlCharacter(subject)) {
            invalid.add(new FieldError("subject", "The subject must be one line of text."));
        }
        String cleaned = null;
        String rendered = null;
        if (html == null || html.isBlank()) {
            invalid.add(new FieldError("html", "Please give the issue's HTML."));
        } else if (html.length() > MAX_HTML) {
            tooLarge.add(
                    new FieldError(
                            "html", "The HTML must not exceed " + MAX_HTML + " characters."));
        } else {
            EmailHtml.Rendered email = EmailHtml.render(html);
            cleaned = email.html();
            rendered = email.text();
            if (rendered.isBlank()) {
                invalid.add(
                        new FieldError(
                                "html",
                                "The HTML has no readable content once scripts and forms are removed."));
            }
        }
        if (text != null && text.length() > MAX_TEXT) {
            tooLarge.add(
                    new FieldError(
                            "text", "The text must not exceed " + MAX_TEXT + " characters."));
        }
        if (preheader != null && preheader.length() > MAX_PREHEADER) {
            tooLarge.add(
                    new FieldError(
                            "preheader",
                            "The preheader must not exceed " + MAX_PREHEADER + " characters."));
        } else if (preheader != null && hasControlCharacter(preheader)) {
            invalid.add(new FieldError("preheader", "The preheader must be one line of text."));
        }
        if (!tooLarge.isEmpty()) {
            List<FieldError> all = new ArrayList<>(tooLarge);
            all.addAll(invalid);
            throw new ProblemException(
                    new Problem(
                            "urn:newsroom:problem:payload-too-large",
                            "Fields too large",
                            413,
                            "Some fields are too large: "
                                    + String.join(
                                            ", ", tooLarge.stream().map(FieldError::field).toList())
                                    + ".",
                            all));
        }
        if (!invalid.isEmpty()) {
            throw new ProblemException(Problem.validation(invalid));
        }
        // The rendering checked above, not a second one.
        String plain = text == null || text.isBlank() ? rendered : text.strip();
        return new IssueContent(
                subject.strip(), preheader == null ? "" : preheader.strip(), cleaned, plain);
    }

    /** Whether {@code value} holds a line break, tab or other ISO control character. */
    static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** A string field, null when absent; a non-string value is an invalid field. */
    private static String string(JsonNode body, String name, List<FieldError> invalid) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            invalid.add(new FieldError(name, "The " + name + " must be text."));
            return null;
        }
        return value.asText();
    }
}
