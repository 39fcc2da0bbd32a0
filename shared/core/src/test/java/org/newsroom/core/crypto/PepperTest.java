package org.newsroom.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PepperTest {

    private static final String SECRET = "pepper-test-value-0123456789abcdefghijkl";

    @Test
    void digest_shouldBeTheHmacSha256OfPurposeAndText_underTheTrimmedSecret() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected =
                mac.doFinal("address\u0000reader@example.org".getBytes(StandardCharsets.UTF_8));
        assertEquals(
                Base64.getUrlEncoder().withoutPadding().encodeToString(expected),
                Pepper.of("  " + SECRET + "\n").digest("address", "reader@example.org"));
    }

    @Test
    void digest_shouldNotBeTheBareSha256() {
        String text = "reader@example.org";
        assertNotEquals(Digests.sha256Base64Url(text), Pepper.of(SECRET).digest("address", text));
    }

    @Test
    void digest_shouldDependOnThePepperAndThePurpose() {
        Pepper pepper = Pepper.of(SECRET);
        assertNotEquals(
                pepper.digest("address", "x@example.org"),
                Pepper.of(SECRET + "2").digest("address", "x@example.org"));
        assertNotEquals(
                pepper.digest("address", "x@example.org"),
                pepper.digest("mailbox", "x@example.org"));
    }

    @Test
    void digest_shouldUseThePepperCurrentAtEachCall() {
        AtomicReference<byte[]> key = new AtomicReference<>(Pepper.parseSecret(SECRET));
        Pepper pepper = new Pepper(key::get);
        String before = pepper.digest("client", "203.0.113.10");
        key.set(Pepper.parseSecret(SECRET + "-new"));
        assertNotEquals(before, pepper.digest("client", "203.0.113.10"));
    }

    @Test
    void parseSecret_shouldRefuseAShortPepper_withoutShowingIt() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> Pepper.parseSecret("short-pepper"));
        assertEquals("The pepper must be at least 32 characters long", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pepper.parseSecret(null));
    }
}
