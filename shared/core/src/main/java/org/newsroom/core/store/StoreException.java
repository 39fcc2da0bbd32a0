package org.newsroom.core.store;

/**
 * A store could not be read or written (throttled, unavailable, misconfigured). Repositories
 * translate the SDK's exception into a subclass of this one and keep it as the cause.
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
