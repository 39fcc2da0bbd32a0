package org.newsroom.newsletters.links;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.subscriptions.LinkToken;

/**
 * The pages people see when they open or use a link. Offers are forms that {@code POST} back, so
 * opening a link (as mail scanners do) never changes anything.
 */
final class LinkPages implements LinkReplies {

    static final String CONFIRM_PATH = "/subscriptions/confirm";
    static final String UNSUBSCRIBE_PATH = "/unsubscribe";

    private final String publisher;
    private final URI signupPageUrl;
    private final Optional<URI> confirmedUrl;
    private final Duration confirmTtl;
    private final NewsletterNames names;

    LinkPages(SubscriptionLinksSettings settings, NewsletterNames names) {
        this.publisher = settings.publisherName();
        this.signupPageUrl = settings.signupPageUrl();
        this.confirmedUrl = settings.confirmedUrl();
        this.confirmTtl = settings.confirmTokenTtl();
        this.names = names;
    }

    @Override
    public HttpResponse confirmOffer(String token, List<String> newsletters) {
        return page("Confirm your subscription")
                .paragraph(
                        "Please confirm that you want to receive "
                                + names.describe(newsletters)
                                + ".")
                .button(CONFIRM_PATH, Map.of("token", token), "Yes, subscribe me", false)
                .paragraph("If you did not ask for this, close this page: nothing will happen.")
                .respond(200);
    }

    /** Our own page, or a 303 to the configured one. */
    @Override
    public HttpResponse confirmed(List<String> newsletters) {
        if (confirmedUrl.isPresent()) {
            return HttpResponse.seeOther(confirmedUrl.get().toString())
                    .withHeader("cache-control", "no-store");
        }
        return page("You are subscribed")
                .paragraph("Thank you! You will receive " + names.describe(newsletters) + ".")
                .paragraph("Every email has a link to unsubscribe at any time.")
                .respond(200);
    }

    @Override
    public HttpResponse nothingToConfirm() {
        return page("This link can no longer be used")
                .paragraph(
                        "There is nothing left to confirm with this link. You can sign up again at any time.")
                .link(signupPageUrl.toString(), "Sign up again")
                .respond(400);
    }

    @Override
    public HttpResponse unsubscribeOffer(String token, List<String> newsletters) {
        Page page = page("Unsubscribe");
        if (!newsletters.isEmpty()) {
            page.paragraph("This email address receives " + names.describe(newsletters) + ".")
                    .button(
                            UNSUBSCRIBE_PATH,
                            Map.of("token", token),
                            "Unsubscribe from " + names.describe(newsletters),
                            false);
        }
        return page.button(
                        UNSUBSCRIBE_PATH,
                        Map.of("token", token, "scope", "all"),
                        "Unsubscribe from all newsletters",
                        true)
                .paragraph(
                        "You can also get a copy of everything we keep about this email address, or have it deleted. We email you a link that works for one hour.")
                .button(
                        UNSUBSCRIBE_PATH,
                        Map.of("token", token, "request", "export"),
                        "Email me my data",
                        true)
                .button(
                        UNSUBSCRIBE_PATH,
                        Map.of("token", token, "request", "erase"),
                        "Email me a link to delete my data",
                        true)
                .respond(200);
    }

    @Override
    public HttpResponse dataLinkRequested(LinkToken.Purpose purpose) {
        return page("Check your inbox")
                .paragraph(
                        "If we keep anything about this email address, we have sent it an email with a link "
                                + (purpose == LinkToken.Purpose.ERASE
                                        ? "to delete your data"
                                        : "to your data")
                                + ". The link works for one hour.")
                .respond(200);
    }

    @Override
    public HttpResponse eraseNeedsEmailedLink() {
        return page("Please ask for a deletion link")
                .paragraph(
                        "An unsubscribe link cannot delete your data. Open the unsubscribe link from your email and choose \"Email me a link to delete my data\": we send the link to your address.")
                .respond(400);
    }

    @Override
    public HttpResponse eraseOffer(String token) {
        return page("Delete your data")
                .paragraph(
                        "This deletes everything we keep about this email address: your newsletter subscriptions and the record of your consent. You will not receive any more newsletters. Membership and payment records are not deleted here.")
                .button(DataLinks.ERASE_PATH, Map.of("token", token), "Delete all my data", false)
                .paragraph("If you did not ask for this, close this page: nothing will happen.")
                .respond(200);
    }

    @Override
    public HttpResponse unsubscribed(boolean all, List<String> linked, List<String> done) {
        return page("You have been unsubscribed")
                .paragraph(
                        all
                                ? "You will not receive any of our newsletters any more."
                                : "You will not receive " + names.describe(linked) + " any more.")
                .respond(200);
    }

    @Override
    public HttpResponse erased() {
        return page("Your data has been deleted")
                .paragraph(
                        "We deleted every record of this email address. You will not receive any more newsletters.")
                .respond(200);
    }

    @Override
    public HttpResponse expired() {
        return page("This link has expired")
                .paragraph(
                        "Confirmation links work for "
                                + confirmTtl.toHours()
                                + " hours. Please sign up again: it only takes a moment.")
                .link(signupPageUrl.toString(), "Sign up again")
                .respond(400);
    }

    @Override
    public HttpResponse dataLinkExpired() {
        return page("This link has expired")
                .paragraph(
                        "Links to delete or download your data work for one hour. Open the unsubscribe link in any of our emails to ask for a new one.")
                .respond(400);
    }

    @Override
    public HttpResponse invalid() {
        return page("This link does not work")
                .paragraph(
                        "The link is incomplete or has been changed. Please open it again from your email, exactly as it is.")
                .respond(400);
    }

    private Page page(String title) {
        return new Page(publisher, title);
    }
}
