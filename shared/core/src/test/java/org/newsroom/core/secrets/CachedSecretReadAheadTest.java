package org.newsroom.core.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.newsroom.core.config.Config;

class CachedSecretReadAheadTest {

    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicReference<String> value = new AtomicReference<>("v1");
    private final AtomicReference<String> readOn = new AtomicReference<>();
    private final CountDownLatch readStarted = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch aheadEnded = new CountDownLatch(1);
    private final AtomicReference<String> aheadThread = new AtomicReference<>();
    private volatile boolean blocking;

    private final SecretSource source =
            id -> {
                readOn.set(Thread.currentThread().getName());
                reads.incrementAndGet();
                readStarted.countDown();
                if (blocking) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                try {
                    String current = value.get();
                    if (current == null) {
                        throw new SecretUnavailableException("Could not read secret " + id);
                    }
                    return current;
                } finally {
                    if (Thread.currentThread().getName().equals("secret-read-ahead")) {
                        aheadThread.set(Thread.currentThread().getName());
                        aheadEnded.countDown();
                    }
                }
            };

    private CachedSecret<String> secret() {
        return new CachedSecret<>(
                source, "id", String::toUpperCase, Duration.ofMinutes(5), Clock.systemUTC());
    }

    @Test
    void get_shouldWaitForTheReadAhead_andNotReadAgain() throws InterruptedException {
        blocking = true;
        CachedSecret<String> secret = secret().readAhead(true);
        readStarted.await();
        assertNotEquals(Thread.currentThread().getName(), readOn.get(), "read on another thread");
        release.countDown();

        assertEquals("V1", secret.get());
        assertEquals("V1", secret.get());

        assertEquals(1, reads.get());
    }

    @Test
    void get_shouldThrowAtFirstUse_withTheReadAheadsFailureInIt_whenTheReadAgainFailsToo() {
        value.set(null);
        CachedSecret<String> secret = secret().readAhead(true);

        SecretUnavailableException failure =
                assertThrows(SecretUnavailableException.class, secret::get);

        assertEquals("Could not read secret id", failure.getMessage());
        assertEquals(2, reads.get(), "the read ahead, then the first use's own read");
        assertEquals(1, failure.getSuppressed().length);
        assertEquals("secret-read-ahead", aheadThread.get(), "the first read was the read ahead");
        assertTrue(failure.getSuppressed()[0] instanceof SecretUnavailableException);
    }

    @Test
    void get_shouldReadAgainAtFirstUse_whenTheReadAheadFailed() throws InterruptedException {
        value.set(null);
        CachedSecret<String> secret = secret().readAhead(true);
        aheadEnded.await();

        value.set("v2");

        assertEquals("V2", secret.get());
        assertEquals(2, reads.get());
        assertEquals(Thread.currentThread().getName(), readOn.get());
    }

    @Test
    void get_shouldThrowTheParsersFailure_whenTheValueReadAheadDoesNotParse() {
        value.set("short");
        CachedSecret<Integer> secret =
                new CachedSecret<Integer>(
                                source,
                                "id",
                                text -> {
                                    throw new IllegalArgumentException("not a key ring");
                                },
                                Duration.ofMinutes(5),
                                Clock.systemUTC())
                        .readAhead(true);

        IllegalArgumentException failure =
                assertThrows(IllegalArgumentException.class, secret::get);
        assertEquals("not a key ring", failure.getMessage());
    }

    @Test
    void readAhead_shouldReadNothingYet_whenNotNow_andStartAfterARestore() {
        CachedSecret<String> secret = secret().readAhead(false);
        assertEquals(0, reads.get());

        CachedSecret.refreshAll();

        assertEquals("V1", secret.get());
        assertEquals(1, reads.get());
        assertEquals("secret-read-ahead", readOn.get());
    }

    @Test
    void forgetAll_shouldWaitForTheReadInFlight_andKeepNoValue() {
        CachedSecret<String> secret = secret().readAhead(true);

        CachedSecret.forgetAll();
        assertEquals(1, reads.get(), "the read ahead ended before the values were forgotten");

        value.set("v2");
        assertEquals("V2", secret.get());
        assertEquals(2, reads.get());
        assertEquals(Thread.currentThread().getName(), readOn.get(), "read again at first use");
    }

    @Test
    void refresh_shouldDropAReadAhead_soTheNextGetReadsAgain() throws InterruptedException {
        blocking = true;
        CachedSecret<String> secret = secret().readAhead(true);
        readStarted.await();

        secret.refresh();
        blocking = false;
        value.set("v2");
        release.countDown();

        assertEquals("V2", secret.get());
        assertEquals(2, reads.get());
    }

    @Test
    void secretSetting_shouldDeferReadsAhead_onlyWhileASnapStartSnapshotIsInitialised() {
        assertTrue(setting("snap-start").snapshotInit());
        assertFalse(setting("on-demand").snapshotInit());
        assertFalse(setting(null).snapshotInit());
    }

    private static SecretSetting setting(String initializationType) {
        Map<String, String> environment =
                initializationType == null
                        ? Map.of("X_SECRET_ID", "x")
                        : Map.of(
                                "X_SECRET_ID",
                                "x",
                                SecretSetting.INITIALIZATION_TYPE,
                                initializationType);
        return SecretSetting.require(Config.from(environment), "X_SECRET_ID");
    }
}
