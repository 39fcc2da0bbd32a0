package org.newsroom.newsletters.mailer;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.newsroom.mail.Email;
import org.newsroom.mail.MailException;
import org.newsroom.mail.MailSender;
import org.newsroom.subscriptions.ConfirmationRequest;
import org.newsroom.subscriptions.LinkToken;
import org.newsroom.subscriptions.LinkTokens;
import org.newsroom.subscriptions.MailingState;
import org.newsroom.subscriptions.Newsletter;
import org.newsroom.subscriptions.NewsletterCatalogue;
import org.newsroom.subscriptions.SendCap;
import org.newsroom.subscriptions.Subscription;
import org.newsroom.subscriptions.SubscriptionRepository;
import org.newsroom.subscriptions.SubscriptionStatus;

/**
 * Sends the confirmation email of one request at most once: claims the request (so duplicate stream
 * records and concurrent retries do nothing), then decides, off the signup's request path, whether
 * to send at all: nothing to a suppressed address or when nothing is pending; the inbox's send cap
 * (taken only now that the request is recorded, and once per request); the hourly budget, which
 * holds the send (claim released, tried again later) instead of dropping it. A retryable failure
 * releases the claim so the retry can send.
 *
 * <p>At least once: a send that times out may have been accepted by SES, and its retry sends a
 * second copy (a lost confirmation would leave the reader waiting; a second one is harmless). Once
 * SES accepted the email, nothing sends it again: a failure to record it as sent leaves the claim
 * in place and the record succeeds, rather than making the stream retry it.
 */
public final class ConfirmationMailer {

    /** What happened to one request. */
    public enum Result {
        SENT,
        ALREADY_HANDLED,
        REJECTED,
        SUPPRESSED,
        NOTHING_PENDING,
        CAPPED,
        /** The hourly budget is spent: not sent, to be tried again (the request stays unsent). */
        HELD
    }

    static final Duration CLAIM_LEASE = Duration.ofMinutes(2);

    private final SubscriptionRepository repository;
    private final NewsletterCatalogue catalogue;
    private final LinkTokens tokens;
    private final MailSender sender;
    private final Limits limits;
    private final Sender from;

    /**
     * What limits the sends: the per-inbox cap and its rules, and the global hourly budget.
     *
     * @param cap the per-inbox cap
     * @param rules how often one inbox may be sent a confirmation email
     * @param budget the global hourly budget
     */
    public record Limits(SendCap cap, SendCap.Rules rules, ConfirmationBudget budget) {}

    /**
     * Who the email is from and where its links go.
     *
     * @param from the From header, e.g. {@code "The Daily" <newsletters@example.org>}
     * @param publisher the publisher's name in the email
     * @param linkBase the public base URL of the API (links go to /subscriptions/confirm and
     *     /unsubscribe)
     */
    public record Sender(String from, String publisher, String linkBase) {
        public Sender {
            linkBase =
                    linkBase.endsWith("/")
                            ? linkBase.substring(0, linkBase.length() - 1)
                            : linkBase;
        }
    }

    public ConfirmationMailer(
            SubscriptionRepository repository,
            NewsletterCatalogue catalogue,
            LinkTokens tokens,
            MailSender sender,
            Limits limits,
            Sender from) {
        this.repository = repository;
        this.catalogue = catalogue;
        this.tokens = tokens;
        this.sender = sender;
        this.limits = limits;
        this.from = from;
    }

    public Result send(String addressId, String requestId, Instant now) {
        Optional<ConfirmationRequest> claimed =
                repository.claimConfirmationRequest(addressId, requestId, now, CLAIM_LEASE);
        if (claimed.isEmpty()) {
            return Result.ALREADY_HANDLED;
        }
        ConfirmationRequest request = claimed.get();
        Result result;
        try {
            result = decideAndSend(request, now);
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
        if (result == Result.HELD) {
            repository.releaseConfirmationRequest(addressId, requestId);
        } else if (result == Result.SENT) {
            try {
                repository.markConfirmationSent(addressId, requestId, now);
            } catch (RuntimeException e) {
                // The email left: failing the record would send it again once the claim's lease
                // ends. The claim stays, so duplicate records of this request do nothing meanwhile.
                return Result.SENT;
            }
        } else {
            // Handled for good (nothing to send): a duplicate record does nothing.
            repository.markConfirmationSent(addressId, requestId, now);
        }
        return result;
    }

    private Result decideAndSend(ConfirmationRequest request, Instant now) {
        String addressId = request.addressId();
        // The suppression and the subscriptions in one read.
        MailingState state = repository.findMailingState(addressId);
        if (state.suppressed()) {
            return Result.SUPPRESSED;
        }
        // Everything still pending, this request's newsletters first: one email also covers those
        // asked for while the cap held earlier emails back.
        Set<String> pending = new LinkedHashSet<>();
        List<Subscription> subscriptions = state.subscriptions();
        for (String newsletter : request.newsletters()) {
            if (subscriptions.stream().anyMatch(s -> isPending(s, newsletter))) {
                pending.add(newsletter);
            }
        }
        subscriptions.stream()
                .filter(s -> s.status() == SubscriptionStatus.PENDING)
                .forEach(s -> pending.add(s.newsletter()));
        if (pending.isEmpty()) {
            return Result.NOTHING_PENDING;
        }
        String capKey = request.mailboxId().isEmpty() ? addressId : request.mailboxId();
        if (!limits.cap().tryAcquire(capKey, request.requestId(), limits.rules(), now)) {
            return Result.CAPPED;
        }
        // After the cap: a held request keeps its cap (taken again on retry for free), and a
        // capped one never spends the shared budget.
        if (!limits.budget().tryTake(now)) {
            return Result.HELD;
        }
        mail(request, List.copyOf(pending), now);
        return Result.SENT;
    }

    private static boolean isPending(Subscription subscription, String newsletter) {
        return subscription.newsletter().equals(newsletter)
                && subscription.status() == SubscriptionStatus.PENDING;
    }

    private void mail(ConfirmationRequest request, List<String> newsletterIds, Instant now) {
        List<Newsletter> newsletters =
                newsletterIds.stream()
                        .map(
                                id ->
                                        catalogue
                                                .find(id)
                                                .orElse(new Newsletter(id, id, "", "", false, 0)))
                        .toList();
        String confirm =
                tokens.issue(LinkToken.Purpose.CONFIRM, request.addressId(), newsletterIds, now);
        String unsubscribe =
                tokens.issue(
                        LinkToken.Purpose.UNSUBSCRIBE, request.addressId(), newsletterIds, now);
        String unsubscribeUrl = from.linkBase() + "/unsubscribe?token=" + unsubscribe;
        ConfirmationEmail email =
                ConfirmationEmail.render(
                        from.publisher(),
                        newsletters,
                        from.linkBase() + "/subscriptions/confirm?token=" + confirm,
                        unsubscribeUrl,
                        tokens.confirmTtl().toHours());
        sender.send(
                Email.of(
                                from.from(),
                                request.address(),
                                email.subject(),
                                email.text(),
                                email.html())
                        .withOneClickUnsubscribe(unsubscribeUrl));
    }
}
