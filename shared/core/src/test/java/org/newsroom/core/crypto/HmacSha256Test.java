package org.newsroom.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HmacSha256Test {

    /** A fresh instance per call, as before the per-thread one. */
    private static byte[] fresh(byte[] key, byte[]... parts) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    @Test
    void reusedInstance_shouldGiveWhatAFreshOneGives_whateverTheKeyBefore() throws Exception {
        Random random = new Random(3);
        for (int i = 0; i < 2_000; i++) {
            // Keys shorter and longer than the 64-byte block, alternating, so a key or a partial
            // update left over from the previous call would show.
            byte[] key = new byte[1 + random.nextInt(100)];
            random.nextBytes(key);
            byte[][] parts = new byte[random.nextInt(4)][];
            for (int p = 0; p < parts.length; p++) {
                parts[p] = new byte[random.nextInt(300)];
                random.nextBytes(parts[p]);
            }
            assertArrayEquals(fresh(key, parts), HmacSha256.of(key, parts));
        }
    }

    @Test
    void digests_shouldMatchAFreshMessageDigest() throws Exception {
        for (String text : new String[] {"", "a", "reader@example.com", "x".repeat(10_000)}) {
            assertArrayEquals(
                    java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    Digests.sha256(text));
        }
    }
}
