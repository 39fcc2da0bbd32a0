package org.newsroom.issues;

/** The issue has started sending (or was sent): its content is frozen. */
public class IssueNotEditableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final IssueStatus status;

    public IssueNotEditableException(IssueStatus status) {
        super("Issue is " + status.code());
        this.status = status;
    }

    public IssueStatus status() {
        return status;
    }
}
