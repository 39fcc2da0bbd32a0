package org.newsroom.core.http;

/**
 * Ends a request with a problem response. The problem's text goes to the client; the exception
 * message is only the problem type, so nothing else can leak through it.
 */
public class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.type(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
