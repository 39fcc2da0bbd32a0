package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.newsroom.local.it.LocalStackSupport.await;
import static org.newsroom.local.it.NewsletterSupport.*;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** SES feedback through the bounce function (SNS delivery as Lambda receives it). */
class NewsletterBouncesIT {

    @Test
    void permanentBounce_shouldSuppressEveryNewsletter_andDuplicatesAreHarmless() {
        String address = uniqueAddress("bounce");
        subscribeJson(
                "{\"email\":\""
                        + address
                        + "\",\"newsletters\":[\"daily-briefing\",\"city-hall\"]}");
        NewsletterBounceSupport.bounce(address, "Permanent");
        NewsletterBounceSupport.bounce(address, "Permanent");
        assertEquals("suppressed", status(address, "daily-briefing"));
        assertEquals("suppressed", status(address, "city-hall"));
        assertEquals(
                1,
                items(address).stream().filter(i -> i.get("sk").s().equals("SUPPRESSED")).count());
    }

    @Test
    void complaint_shouldSuppress_andBlockFutureConfirmations() {
        String address = uniqueAddress("complaint");
        NewsletterBounceSupport.complaint(address);
        assertEquals(202, subscribeJson("{\"email\":\"" + address + "\"}").statusCode());
        barrier();
        assertTrue(emailsTo(address).isEmpty());
    }

    @Test
    void bounceEventPublishedToTheTopic_shouldReachTheFunction_throughTheTemplatesSubscription() {
        String address = uniqueAddress("topic");
        subscribeJson("{\"email\":\"" + address + "\",\"newsletters\":[\"daily-briefing\"]}");
        String event =
                "{\"eventType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\",\"bouncedRecipients\":"
                        + "[{\"emailAddress\":\""
                        + address
                        + "\"}]},\"mail\":{\"destination\":[\""
                        + address
                        + "\"]}}";
        try (SnsClient sns =
                SnsClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            sns.publish(b -> b.topicArn(stack().physicalId("EmailFeedbackTopic")).message(event));
        }
        await(
                "the bounce to be applied",
                () ->
                        status(address, "daily-briefing").equals("suppressed")
                                ? Optional.of(true)
                                : Optional.empty());
        assertEquals("suppressed", status(address, "daily-briefing"));
    }

    @Test
    void transientBounce_shouldBeIgnored() {
        String address = uniqueAddress("transient");
        subscribeJson("{\"email\":\"" + address + "\",\"newsletters\":[\"daily-briefing\"]}");
        NewsletterBounceSupport.bounce(address, "Transient");
        assertEquals("pending", status(address, "daily-briefing"));
        assertTrue(items(address).stream().noneMatch(i -> i.get("sk").s().equals("SUPPRESSED")));
    }
}
