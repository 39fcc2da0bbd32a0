package org.newsroom.issues;

/** No such issue in that newsletter. */
public class IssueNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IssueNotFoundException() {
        super("No such issue");
    }
}
