package org.newsroom.newsletters.links;

import java.time.Clock;
import java.util.Optional;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.subscriptions.LinkToken;
import org.newsroom.subscriptions.LinkTokens;

/**
 * A reader's rights over their data, once the link's token is verified: ask for an erase or export
 * link (unsubscribe token), erase (erase token), download (export token). Each use is logged
 * without the address.
 */
final class DataRights {

    private final SubscriptionLinks links;
    private final LinkTokens tokens;
    private final LinkOutcomes outcomes;
    private final Clock clock;

    DataRights(SubscriptionLinks links, LinkTokens tokens, LinkOutcomes outcomes, Clock clock) {
        this.links = links;
        this.tokens = tokens;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /**
     * What an unsubscribe post asks of the reader's data: {@code action=erase} is refused (an
     * unsubscribe link never erases); {@code request=erase|export} emails that link and answers the
     * same whatever happened. Empty when the post only unsubscribes.
     */
    Optional<HttpResponse> onUnsubscribePage(
            LinkPost post, LinkToken unsubscribe, String apiBase, LinkReplies replies) {
        if (post.erase()) {
            outcomes.eraseRefused();
            return Optional.of(replies.eraseNeedsEmailedLink());
        }
        return post.dataLink()
                .map(
                        purpose -> {
                            outcomes.dataLinkRequested(
                                    purpose,
                                    links.sendDataLink(
                                            purpose, unsubscribe, clock.instant(), apiBase));
                            return replies.dataLinkRequested(purpose);
                        });
    }

    /** {@code POST} of an emailed erase link. */
    HttpResponse erase(String token, LinkReplies replies) {
        links.erase(tokens.verify(token, LinkToken.Purpose.ERASE, clock.instant()));
        outcomes.erased();
        return replies.erased();
    }

    /** {@code GET} of an emailed export link. */
    HttpResponse export(String token) {
        LinkToken export = tokens.verify(token, LinkToken.Purpose.EXPORT, clock.instant());
        SubscriptionLinks.Export document = links.export(export, clock.instant());
        outcomes.exported(document.subscriptions());
        return DataExport.response(document.document());
    }
}
