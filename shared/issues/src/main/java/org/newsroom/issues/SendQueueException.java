package org.newsroom.issues;

/** The send queue did not take a job; the SDK's exception (if any) is the cause. */
public class SendQueueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SendQueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
