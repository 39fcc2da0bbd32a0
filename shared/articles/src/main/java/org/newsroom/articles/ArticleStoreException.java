package org.newsroom.articles;

/** The article store failed; the cause is the SDK exception. */
public class ArticleStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ArticleStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
