package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.newsroom.local.it.LocalStackSupport.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newsroom.core.crypto.Pepper;
import org.newsroom.core.email.AddressKeys;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.local.LocalStack;
import org.newsroom.local.Outbox;
import org.newsroom.local.SampleNewsletters;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Helpers for the newsletter integration tests: the seeded catalogue, table reads, the outbox. */
final class NewsletterSupport {

    private static boolean seeded;

    private NewsletterSupport() {}

    /** The local stack with the sample catalogue loaded (once). */
    static synchronized LocalStack stack() {
        LocalStack stack = LocalStackSupport.stack();
        if (!seeded) {
            try {
                SampleNewsletters.load(
                        Path.of(System.getProperty("newsroom.root", "."))
                                .toAbsolutePath()
                                .normalize(),
                        stack);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            seeded = true;
        }
        return stack;
    }

    /** An address no other test uses. */
    static String uniqueAddress(String label) {
        return "it-" + label + "-" + UUID.randomUUID().toString().substring(0, 12) + "@example.org";
    }

    /** The address's id as the functions key it, with the stack's pepper. */
    static String addressId(String address) {
        return addressKeys().id(EmailAddress.parse(address).orElseThrow());
    }

    /** The stack's address keys (the pepper read from the emulator's Secrets Manager). */
    static AddressKeys addressKeys() {
        return new AddressKeys(Pepper.of(stack().secretValue("PepperSecret")));
    }

    /** Every item of the address's partition in the subscriptions table (consistent read). */
    static List<Map<String, AttributeValue>> items(String address) {
        return stack().dynamo()
                .query(
                        b ->
                                b.tableName(stack().physicalId("SubscriptionsTable"))
                                        .consistentRead(true)
                                        .keyConditionExpression("pk = :pk")
                                        .expressionAttributeValues(
                                                Map.of(
                                                        ":pk",
                                                        AttributeValue.fromS(addressId(address)))))
                .items();
    }

    static Optional<Map<String, AttributeValue>> subscription(String address, String newsletter) {
        return items(address).stream()
                .filter(i -> i.get("sk").s().equals("NL#" + newsletter))
                .findFirst();
    }

    static String status(String address, String newsletter) {
        return subscription(address, newsletter).map(i -> i.get("status").s()).orElse("none");
    }

    static long confirmationRequests(String address) {
        return items(address).stream().filter(i -> i.get("sk").s().startsWith("CONFIRM#")).count();
    }

    static List<Outbox.Email> emailsTo(String address) {
        return stack().outbox().to(address);
    }

    /** The one confirmation email of an address, once the mailer has sent it. */
    static Outbox.Email awaitEmail(String address) {
        return await(
                "the confirmation email to a test address",
                () -> emailsTo(address).stream().findFirst());
    }

    /**
     * Signs up a fresh address and waits for its email. Stream records are processed in order, so
     * once it arrives every earlier signup has been handled too: a barrier for asserting that
     * something was NOT sent.
     */
    static void barrier() {
        String marker = uniqueAddress("barrier");
        HttpResponse<String> response = subscribeJson("{\"email\":\"" + marker + "\"}");
        assertEquals(202, response.statusCode());
        awaitEmail(marker);
    }

    static HttpResponse<String> subscribeJson(String json, String... headers) {
        stack();
        return LocalStackSupport.post("/subscriptions", "application/json", json, headers);
    }

    static HttpResponse<String> subscribeForm(String form, String... headers) {
        stack();
        return LocalStackSupport.post(
                "/subscriptions", "application/x-www-form-urlencoded", form, headers);
    }

    private static final Pattern LINK =
            Pattern.compile("https?://[^/\\s]+(/subscriptions/confirm\\?token=[A-Za-z0-9._-]+)");
    private static final Pattern UNSUBSCRIBE =
            Pattern.compile("<https?://[^/\\s]+(/unsubscribe\\?token=[A-Za-z0-9._-]+)>");

    /**
     * The confirm link's path and query from the email's text part (the host is the deployment's).
     */
    static String confirmPath(Outbox.Email email) {
        Matcher m = LINK.matcher(email.text());
        if (!m.find()) {
            fail("No confirmation link in the email");
        }
        return m.group(1);
    }

    /** The List-Unsubscribe header's path and query. */
    static String unsubscribePath(Outbox.Email email) {
        Matcher m = UNSUBSCRIBE.matcher(email.header("List-Unsubscribe"));
        if (!m.find()) {
            fail("No https List-Unsubscribe link");
        }
        return m.group(1);
    }

    static URI url(String pathAndQuery) {
        return LocalStackSupport.url(pathAndQuery);
    }
}
