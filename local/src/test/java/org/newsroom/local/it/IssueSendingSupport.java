package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.newsroom.local.it.NewsletterSupport.stack;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.subscriptions.Consent;
import org.newsroom.subscriptions.DynamoDbSubscriptionRepository;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Helpers shared by the tests of sending newsletter issues (readers' deliveries and editors' test
 * copies): confirmed readers, the issues API as an editor calls it, one-click unsubscribes, and the
 * send queue.
 */
final class IssueSendingSupport {

    private IssueSendingSupport() {}

    static DynamoDbSubscriptionRepository subscriptions() {
        return new DynamoDbSubscriptionRepository(
                stack().dynamo(), stack().physicalId("SubscriptionsTable"));
    }

    /** Signs {@code address} up for {@code newsletter}, pending its confirmation. */
    static void pending(String address, String newsletter) {
        Instant now = Instant.now();
        subscriptions()
                .requestPending(
                        NewsletterSupport.addressId(address),
                        EmailAddress.parse(address).orElseThrow(),
                        newsletter,
                        new Consent("api", "", now),
                        now,
                        now.plus(Duration.ofDays(7)));
    }

    /** Signs {@code address} up for {@code newsletter} and confirms it. */
    static void confirmed(String address, String newsletter) {
        pending(address, newsletter);
        assertTrue(
                subscriptions()
                        .confirm(NewsletterSupport.addressId(address), newsletter, Instant.now()));
    }

    /** A request to the issues API with the editors' token; {@code body} null sends none. */
    static HttpResponse<String> admin(String path, String method, String body) {
        return LocalStackSupport.send(
                HttpRequest.newBuilder(LocalStackSupport.url(path))
                        .header("Authorization", "Bearer " + LocalStackSupport.ADMIN_TOKEN)
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body)));
    }

    /** What a mail client sends for RFC 8058 one-click unsubscribe. */
    static HttpResponse<String> oneClick(String path) {
        return LocalStackSupport.send(
                HttpRequest.newBuilder(LocalStackSupport.url(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")));
    }

    static SqsClient sqs() {
        return SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Waits until the queue holds no message, visible, in flight or delayed. */
    static void awaitEmpty(SqsClient sqs, String queue, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            Map<QueueAttributeName, String> attributes =
                    sqs.getQueueAttributes(
                                    b ->
                                            b.queueUrl(queue)
                                                    .attributeNames(
                                                            QueueAttributeName
                                                                    .APPROXIMATE_NUMBER_OF_MESSAGES,
                                                            QueueAttributeName
                                                                    .APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                                            QueueAttributeName
                                                                    .APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                            .attributes();
            if (attributes.values().stream().allMatch("0"::equals)) {
                return;
            }
            pause(250);
        }
        fail("The send queue was not drained");
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
