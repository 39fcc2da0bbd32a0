package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.newsroom.local.it.StripeEvents.unique;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The exact count under load: many memberships delivered at once by 16 threads, then a share of
 * them delivered again (Stripe retries), and the counters must match exactly.
 *
 * <p>The emulator deep-copies the whole table for every item of a TransactWriteItems call, so its
 * cost grows with the table and a run grows with the square of the count: 200 take about 13 s, 600
 * about 95 s. {@code -Dit.memberships=2000} runs the full-size check (around a quarter of an hour);
 * the default keeps {@code make test} short. Failed deliveries are retried as Stripe retries them,
 * which the exact count must survive too.
 */
class MembershipCountIT {

    static final int MEMBERSHIPS = Integer.getInteger("it.memberships", 200);
    static final int THREADS = 16;

    /** Stripe retries a delivery that did not get a 2xx, backing off; so does this test. */
    static final int DELIVERY_ATTEMPTS = 10;

    private static HttpResponse<String> deliverLikeStripe(String body) throws InterruptedException {
        HttpResponse<String> response = null;
        for (int attempt = 1; attempt <= DELIVERY_ATTEMPTS; attempt++) {
            response = StripeEvents.deliver(body);
            if (response.statusCode() < 500) {
                return response;
            }
            Thread.sleep(50L * attempt);
        }
        return response;
    }

    private static void deliverAll(List<String> bodies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<HttpResponse<String>>> results = new ArrayList<>();
            for (String body : bodies) {
                results.add(pool.submit(() -> deliverLikeStripe(body)));
            }
            for (Future<HttpResponse<String>> result : results) {
                HttpResponse<String> response = result.get();
                assertEquals(200, response.statusCode(), response.body());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentMemberships_shouldCountExactly_andRedeliveriesChangeNothing() throws Exception {
        long before = StripeEvents.supporters();
        long campaignBefore = StripeEvents.campaignNewMembers();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < MEMBERSHIPS; i++) {
            bodies.add(StripeEvents.checkoutSubscription(unique("evt"), unique("sub")));
        }

        deliverAll(bodies);
        assertEquals(before + MEMBERSHIPS, StripeEvents.supporters());
        assertEquals(campaignBefore + MEMBERSHIPS, StripeEvents.campaignNewMembers());

        deliverAll(bodies.subList(0, Math.max(1, MEMBERSHIPS / 10)));
        assertEquals(before + MEMBERSHIPS, StripeEvents.supporters());
        assertEquals(campaignBefore + MEMBERSHIPS, StripeEvents.campaignNewMembers());
    }
}
