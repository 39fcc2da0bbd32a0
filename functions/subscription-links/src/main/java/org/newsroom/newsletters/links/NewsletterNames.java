package org.newsroom.newsletters.links;

import java.util.List;
import org.newsroom.subscriptions.Newsletter;
import org.newsroom.subscriptions.NewsletterCatalogue;

/** Newsletter ids as readers know them: the catalogue's names, the id when one is gone. */
final class NewsletterNames {

    private final NewsletterCatalogue catalogue;

    NewsletterNames(NewsletterCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    List<String> of(List<String> ids) {
        return ids.stream().map(id -> catalogue.find(id).map(Newsletter::name).orElse(id)).toList();
    }

    /** "A", "A and B", "A, B and C"; "our newsletters" for none. */
    String describe(List<String> ids) {
        List<String> names = of(ids);
        if (names.isEmpty()) {
            return "our newsletters";
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1))
                + " and "
                + names.get(names.size() - 1);
    }
}
