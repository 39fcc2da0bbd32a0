package org.newsroom.memberships;

import org.newsroom.core.store.StoreException;

/** The memberships table could not be read or written; the SDK exception is the cause. */
public class MembershipStoreException extends StoreException {
    private static final long serialVersionUID = 1L;

    public MembershipStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
