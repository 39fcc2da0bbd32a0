package org.newsroom.newsletters.issues;

import java.util.List;
import java.util.Optional;
import org.newsroom.core.http.FieldError;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.Problem;
import org.newsroom.core.http.ProblemException;
import org.newsroom.issues.DynamoDbIssueRepository;

/**
 * One page of a newsletter's issues as asked for: {@code ?limit=} (1 to {@link #MAX_PAGE}, default
 * {@link #DEFAULT_PAGE}) and {@code ?cursor=}, the {@code next} of the page before.
 */
record IssueListRequest(int limit, Optional<String> cursor) {

    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 100;

    /**
     * The page the query asks for.
     *
     * @throws ProblemException 400 for a limit out of range or a cursor this API did not give
     */
    static IssueListRequest parse(HttpRequest request) {
        int limit = request.query("limit").map(IssueListRequest::limit).orElse(DEFAULT_PAGE);
        Optional<String> cursor = request.query("cursor");
        if (cursor.isPresent() && !DynamoDbIssueRepository.isValidCursor(cursor.get())) {
            throw invalid("cursor", "The cursor is not valid.");
        }
        return new IssueListRequest(limit, cursor);
    }

    private static int limit(String text) {
        int limit;
        try {
            limit = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw invalid("limit", "The limit must be a whole number from 1 to " + MAX_PAGE + ".");
        }
        return limit;
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.validation(List.of(new FieldError(field, message))));
    }
}
