package org.newsroom.articles;

/** Another write to the same article won the race; the caller may retry with fresh data. */
public class ConcurrentUpdateException extends ArticleStoreException {
    private static final long serialVersionUID = 1L;

    public ConcurrentUpdateException(String slug, Throwable cause) {
        super("Concurrent update of an article", cause);
    }
}
