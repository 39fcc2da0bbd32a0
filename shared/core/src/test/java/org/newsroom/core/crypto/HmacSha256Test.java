package org.newsroom.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
    void keptMacs_shouldGiveWhatAFreshOneGives_whenMoreKeysAlternateThanAreKept() throws Exception {
        Random random = new Random(5);
        byte[][] keys = new byte[HmacSha256.KEYS_PER_THREAD + 2][];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = new byte[16 + k * 9];
            random.nextBytes(keys[k]);
        }
        for (int i = 0; i < 500; i++) {
            // Round robin and random picks, so kept keys are hit, missed and pushed out.
            byte[] key = keys[i % 3 == 0 ? random.nextInt(keys.length) : i % keys.length];
            byte[] part = new byte[random.nextInt(200)];
            random.nextBytes(part);
            assertArrayEquals(fresh(key, part), HmacSha256.of(key, part));
        }
    }

    @Test
    void keyChangedInPlace_shouldBeUsedAsTheNewKey_notTheKeptOne() throws Exception {
        byte[] key = "the first secret, 32 bytes long!".getBytes(StandardCharsets.UTF_8);
        byte[] body = "t=1.{}".getBytes(StandardCharsets.UTF_8);
        byte[] first = HmacSha256.of(key, body);
        key[0] = 'T';
        assertArrayEquals(fresh(key, body), HmacSha256.of(key, body));
        assertFalse(Arrays.equals(first, HmacSha256.of(key, body)));
    }

    @Test
    void forgetKeys_shouldDropThisThreadsKeyedMacs_andTheNextCallKeysAgain() throws Exception {
        byte[] first = "first key".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] second = "second key".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] part = {7, 8, 9};
        HmacSha256.forgetKeys();
        HmacSha256.of(first, part);
        HmacSha256.of(second, part);
        assertEquals(2, HmacSha256.keptKeys());

        HmacSha256.forgetKeys();

        assertEquals(0, HmacSha256.keptKeys());
        javax.crypto.Mac fresh = javax.crypto.Mac.getInstance("HmacSHA256");
        fresh.init(new javax.crypto.spec.SecretKeySpec(first, "HmacSHA256"));
        assertArrayEquals(fresh.doFinal(part), HmacSha256.of(first, part));
        assertEquals(1, HmacSha256.keptKeys());
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
