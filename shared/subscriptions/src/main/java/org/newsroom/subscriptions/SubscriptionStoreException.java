package org.newsroom.subscriptions;

import org.newsroom.core.store.StoreException;

/**
 * Storage failed (throttled, unavailable, misconfigured); the SDK exception is kept as the cause.
 */
public class SubscriptionStoreException extends StoreException {
    private static final long serialVersionUID = 1L;

    public SubscriptionStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
