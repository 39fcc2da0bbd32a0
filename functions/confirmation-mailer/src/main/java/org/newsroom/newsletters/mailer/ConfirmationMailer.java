package org.newsroom.newsletters.mailer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.newsroom.mail.Email;
import org.newsroom.mail.MailException;
import org.newsroom.mail.MailSender;
import org.newsroom.subscriptions.ConfirmationRequest;
import org.newsroom.subscriptions.LinkToken;
import org.newsroom.subscriptions.LinkTokens;
import org.newsroom.subscriptions.Newsletter;
import org.newsroom.subscriptions.NewsletterCatalogue;
import org.newsroom.subscriptions.SubscriptionRepository;

/**
 * Sends the confirmation email of one request exactly once: claims the request (so duplicate stream
 * records and concurrent retries do nothing), renders and sends, then marks it sent. A retryable
 * failure releases the claim so the retry can send.
 */
public final class ConfirmationMailer {

    /** What happened to one request. */
    public enum Result {
        SENT,
        ALREADY_HANDLED,
        REJECTED
    }

    static final Duration CLAIM_LEASE = Duration.ofMinutes(2);

    private final SubscriptionRepository repository;
    private final NewsletterCatalogue catalogue;
    private final LinkTokens tokens;
    private final MailSender sender;
    private final String from;
    private final String publisher;
    private final String linkBase;

    /**
     * @param from the From header, e.g. {@code "The Daily" <newsletters@example.org>}
     * @param linkBase the public base URL of the API (links go to /subscriptions/confirm and
     *     /unsubscribe)
     */
    public ConfirmationMailer(
            SubscriptionRepository repository,
            NewsletterCatalogue catalogue,
            LinkTokens tokens,
            MailSender sender,
            String from,
            String publisher,
            String linkBase) {
        this.repository = repository;
        this.catalogue = catalogue;
        this.tokens = tokens;
        this.sender = sender;
        this.from = from;
        this.publisher = publisher;
        this.linkBase =
                linkBase.endsWith("/") ? linkBase.substring(0, linkBase.length() - 1) : linkBase;
    }

    public Result send(String addressId, String requestId, Instant now) {
        Optional<ConfirmationRequest> claimed =
                repository.claimConfirmationRequest(addressId, requestId, now, CLAIM_LEASE);
        if (claimed.isEmpty()) {
            return Result.ALREADY_HANDLED;
        }
        ConfirmationRequest request = claimed.get();
        try {
            List<Newsletter> newsletters =
                    request.newsletters().stream()
                            .map(
                                    id ->
                                            catalogue
                                                    .find(id)
                                                    .orElse(
                                                            new Newsletter(
                                                                    id, id, "", "", false, 0)))
                            .toList();
            String confirm =
                    tokens.issue(LinkToken.Purpose.CONFIRM, addressId, request.newsletters(), now);
            String unsubscribe =
                    tokens.issue(
                            LinkToken.Purpose.UNSUBSCRIBE, addressId, request.newsletters(), now);
            String unsubscribeUrl = linkBase + "/unsubscribe?token=" + unsubscribe;
            ConfirmationEmail email =
                    ConfirmationEmail.render(
                            publisher,
                            newsletters,
                            linkBase + "/subscriptions/confirm?token=" + confirm,
                            unsubscribeUrl,
                            tokens.confirmTtl().toHours());
            sender.send(
                    Email.of(from, request.address(), email.subject(), email.text(), email.html())
                            .withOneClickUnsubscribe(unsubscribeUrl));
        } catch (MailException e) {
            if (e.retryable()) {
                repository.releaseConfirmationRequest(addressId, requestId);
                throw e;
            }
            repository.markConfirmationSent(addressId, requestId, now);
            return Result.REJECTED;
        } catch (RuntimeException e) {
            repository.releaseConfirmationRequest(addressId, requestId);
            throw e;
        }
        repository.markConfirmationSent(addressId, requestId, now);
        return Result.SENT;
    }
}
