package org.newsroom.issues;

import org.newsroom.core.store.StoreException;

/** The issues table could not be read or written; the SDK's exception is the cause. */
public class IssueStoreException extends StoreException {
    private static final long serialVersionUID = 1L;

    public IssueStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
