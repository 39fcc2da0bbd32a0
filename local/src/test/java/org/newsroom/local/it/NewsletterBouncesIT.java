package org.newsroom.local.it;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.newsroom.local.it.NewsletterSupport.*;

/** SES feedback through the bounce function (SNS delivery as Lambda receives it). */
class NewsletterBouncesIT {

    @Test
    void permanentBounce_shouldSuppressEveryNewsletter_andDuplicatesAreHarmless() {
        String address = uniqueAddress("bounce");
        subscribeJson("{\"email\":\"" + address + "\",\"newsletters\":[\"daily-briefing\",\"city-hall\"]}");
        NewsletterBounceSupport.bounce(address, "Permanent");
        NewsletterBounceSupport.bounce(address, "Permanent");
        assertEquals("suppressed", status(address, "daily-briefing"));
        assertEquals("suppressed", status(address, "city-hall"));
        assertEquals(1, items(address).stream().filter(i -> i.get("sk").s().equals("SUPPRESSED")).count());
    }

    @Test
    void complaint_shouldSuppress_andBlockFutureConfirmations() {
        String address = uniqueAddress("complaint");
        NewsletterBounceSupport.complaint(address);
        assertEquals(202, subscribeJson("{\"email\":\"" + address + "\"}").statusCode());
        assertEquals(0, confirmationRequests(address));
        barrier();
        assertTrue(emailsTo(address).isEmpty());
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
