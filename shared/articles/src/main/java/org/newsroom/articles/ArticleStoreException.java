package org.newsroom.articles;

import org.newsroom.core.store.StoreException;

/** The article store failed; the cause is the SDK exception. */
public class ArticleStoreException extends StoreException {
    private static final long serialVersionUID = 1L;

    public ArticleStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
