package org.newsroom.articles;

/**
 * A newest-first list of published articles: the whole feed, one section, one tag, or the editors'
 * picks. Each has its own partition in the listing index, so every filter is a single Query and
 * never a Scan.
 */
public record Listing(String key) {

    public static final Listing ALL = new Listing("ALL");
    public static final Listing FEATURED = new Listing("FEATURED");

    public static Listing section(String section) {
        return new Listing("SECTION#" + section);
    }

    public static Listing tag(String tag) {
        return new Listing("TAG#" + tag);
    }

    // Written out, with the meaning a record's own would have: those are bound through method
    // handles at their first call, tens of milliseconds into a cold start's first save, which
    // puts the article's listings in a set.

    @Override
    public boolean equals(Object other) {
        return other instanceof Listing listing && key.equals(listing.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }
}
