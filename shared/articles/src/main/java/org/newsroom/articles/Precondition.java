package org.newsroom.articles;

import java.util.Set;

/**
 * What an editor's write expects to find, from its {@code If-Match} header (RFC 9110 section
 * 13.1.1), so two editors never silently overwrite each other.
 */
public sealed interface Precondition {

    /** No {@code If-Match}: the write may only create an article that does not exist yet. */
    record CreateOnly() implements Precondition {}

    /** {@code If-Match: *}: any current revision, but the article must exist. */
    record AnyRevision() implements Precondition {}

    /** {@code If-Match} with entity tags: the current revision must be one of these. */
    record OneOf(Set<Long> revisions) implements Precondition {
        public OneOf {
            revisions = Set.copyOf(revisions);
        }
    }

    Precondition CREATE_ONLY = new CreateOnly();
    Precondition ANY_REVISION = new AnyRevision();
}
