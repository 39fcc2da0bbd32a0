package org.newsroom.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyMailSenderTest {

    private static Email email(int n) {
        return Email.of("news@example.org", "reader" + n + "@example.com", "s", "t", "<p>t</p>");
    }

    @Test
    void lazy_shouldBuildTheSenderOnTheFirstEmailOnly_evenWhenSendsRace() throws Exception {
        AtomicInteger built = new AtomicInteger();
        List<Email> sent = new CopyOnWriteArrayList<>();
        MailSender lazy =
                MailSender.lazy(
                        () -> {
                            built.incrementAndGet();
                            return sent::add;
                        });
        assertEquals(0, built.get(), "nothing is built before an email is sent");

        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<java.util.concurrent.Future<Object>> sends = new java.util.ArrayList<>();
        for (int i = 0; i < 64; i++) {
            int n = i;
            sends.add(
                    pool.submit(
                            () -> {
                                start.await();
                                lazy.send(email(n));
                                return null;
                            }));
        }
        start.countDown();
        pool.shutdown();
        for (java.util.concurrent.Future<Object> send : sends) {
            send.get(30, TimeUnit.SECONDS);
        }

        assertEquals(1, built.get());
        assertEquals(64, sent.size());
    }
}
