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
}
