package org.newsroom.newsletters.links;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.newsroom.core.email.AddressKeys;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.Problem;
import org.newsroom.core.http.ProblemException;
import org.newsroom.mail.Email;
import org.newsroom.mail.MailException;
import org.newsroom.mail.MailSender;
import org.newsroom.subscriptions.LinkToken;
import org.newsroom.subscriptions.LinkTokens;
import org.newsroom.subscriptions.SendCap;
import org.newsroom.subscriptions.SubscriptionRepository;

/**
 * Emails an erase or export link, on the reader's request from the unsubscribe page, to the address
 * the unsubscribe token stands for. The address is read from the address's own records (the token
 * carries only its id); the per-inbox send cap of confirmation emails applies, so the page cannot
 * be used to flood an inbox. The answer to the reader is the same whatever happened here.
 */
final class DataLinks {

    /** What a request did; for logs and tests, never shown to the reader. */
    enum Outcome {
        SENT,
        /** No record holds the address any more (erased, or never stored). */
        NOTHING_STORED,
        CAPPED,
        /** SES refused the address for good (answered like the others). */
        REJECTED
    }

    static final String ERASE_PATH = "/subscriptions/erase";
    static final String EXPORT_PATH = "/subscriptions/export";

    private final SubscriptionRepository repository;
    private final SendCap sendCap;
    private final SendCap.Rules rules;
    private final AddressKeys keys;
    private final LinkTokens tokens;
    private final MailSender mail;
    private final String from;
    private final String publisher;
    private final Optional<String> publicApiUrl;

    DataLinks(
            SubscriptionRepository repository,
            SendCap sendCap,
            SendCap.Rules rules,
            AddressKeys keys,
            LinkTokens tokens,
            MailSender mail,
            String from,
            String publisher,
            Optional<String> publicApiUrl) {
        this.repository = repository;
        this.sendCap = sendCap;
        this.rules = rules;
        this.keys = keys;
        this.tokens = tokens;
        this.mail = mail;
        this.from = from;
        this.publisher = publisher;
        this.publicApiUrl = publicApiUrl;
    }

    /** The API as the request reached it: the base of emailed links when none is configured. */
    static String requestBase(HttpRequest request) {
        var context = request.event().getRequestContext();
        return "https://" + (context == null ? "" : context.getDomainName());
    }

    /**
     * Sends a link for {@code purpose} (erase or export) to the address {@code addressId}; the link
     * starts with the configured public URL, else with {@code requestBase} (the API the request
     * came to).
     */
    Outcome send(LinkToken.Purpose purpose, String addressId, Instant now, String requestBase) {
        if (purpose != LinkToken.Purpose.ERASE && purpose != LinkToken.Purpose.EXPORT) {
            throw new IllegalArgumentException("Only erase and export links are sent on request");
        }
        Optional<String> address = repository.findRecords(addressId).address();
        if (address.isEmpty()) {
            return Outcome.NOTHING_STORED;
        }
        Optional<EmailAddress> parsed = address.flatMap(EmailAddress::parse);
        if (parsed.isEmpty()) {
            return Outcome.REJECTED;
        }
        String mailboxId = keys.mailboxId(parsed.get());
        if (!sendCap.tryAcquire(mailboxId, "link-" + UUID.randomUUID(), rules, now)) {
            return Outcome.CAPPED;
        }
        String token = tokens.issue(purpose, addressId, List.of(), now);
        String base = publicApiUrl.orElse(requestBase).replaceAll("/+$", "");
        String url =
                base
                        + (purpose == LinkToken.Purpose.ERASE ? ERASE_PATH : EXPORT_PATH)
                        + "?token="
                        + URLEncoder.encode(token, StandardCharsets.UTF_8);
        DataLinkEmail email =
                DataLinkEmail.render(publisher, purpose, url, tokens.ttl(purpose).orElseThrow());
        try {
            mail.send(Email.of(from, address.get(), email.subject(), email.text(), email.html()));
        } catch (MailException e) {
            if (e.retryable()) {
                // Throttled or an outage: the reader may try again in a moment (503).
                throw new ProblemException(Problem.unavailable());
            }
            return Outcome.REJECTED;
        }
        return Outcome.SENT;
    }
}
