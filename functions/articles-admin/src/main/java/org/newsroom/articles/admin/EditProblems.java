package org.newsroom.articles.admin;

import org.newsroom.articles.PreconditionFailedException;
import org.newsroom.core.http.Problem;

/** The problem an editor gets when an edit's {@code If-Match} precondition does not hold. */
final class EditProblems {

    private EditProblems() {}

    static Problem of(PreconditionFailedException.Reason reason) {
        return switch (reason) {
            case EXISTS ->
                    Problem.of(
                            "precondition-required",
                            "Precondition required",
                            428,
                            "This article exists already. To replace it, send If-Match with the"
                                    + " ETag you read (or If-Match: * to replace whatever is"
                                    + " there).");
            case MISSING ->
                    Problem.of(
                            "precondition-failed",
                            "Precondition failed",
                            412,
                            "There is no article at this address to replace. Send the PUT"
                                    + " without If-Match to create it.");
            case STALE ->
                    Problem.of(
                            "precondition-failed",
                            "Precondition failed",
                            412,
                            "The article changed since you read it. Read it again, apply your"
                                    + " edits to the current version and send its ETag in"
                                    + " If-Match.");
        };
    }
}
