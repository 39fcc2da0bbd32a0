package org.newsroom.subscriptions;

import java.util.List;
import java.util.Optional;

/**
 * The newsletters readers can subscribe to, in display order. Operators edit it as data, not code.
 */
public interface NewsletterCatalogue {

    /** Every newsletter, ordered by position then id. */
    List<Newsletter> all();

    default Optional<Newsletter> find(String id) {
        return all().stream().filter(n -> n.id().equals(id)).findFirst();
    }

    default List<Newsletter> defaults() {
        return all().stream().filter(Newsletter::isDefault).toList();
    }
}
