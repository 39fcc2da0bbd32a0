package org.newsroom.core.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 with keyed {@link Mac}s kept per thread: asking the security providers for a new
 * instance on every call was a visible share of a warm request (pepper digests, webhook signatures,
 * link tokens, feed cursors), and so was keying one again for every call.
 *
 * <p>Each thread keeps the Macs of the last {@value #KEYS_PER_THREAD} keys it used, found by the
 * key's bytes (a copy taken when it was keyed): a rotated secret has other bytes, so it gets its
 * own Mac, and a key a caller changes in place afterwards is never mistaken for the old one. A kept
 * Mac is reset before each use, so nothing of an earlier, unfinished call can leak in.
 */
public final class HmacSha256 {

    private static final String ALGORITHM = "HmacSHA256";

    /** A request uses one to three keys (the pepper, a webhook or token secret). */
    static final int KEYS_PER_THREAD = 4;

    private record Keyed(byte[] key, Mac mac) {}

    private static final ThreadLocal<Keyed[]> MACS =
            ThreadLocal.withInitial(() -> new Keyed[KEYS_PER_THREAD]);

    private HmacSha256() {}

    /** The HMAC of the parts, in order, under {@code key}. */
    public static byte[] of(byte[] key, byte[]... parts) {
        Mac mac = keyed(key);
        mac.reset();
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    /**
     * Drops this thread's keyed Macs and the key copies they are found by. Priming calls it on the
     * thread that ran the sample request, beside forgetting the cached secrets, so that no key it
     * used (the pepper, a webhook secret) is kept into a SnapStart snapshot.
     */
    public static void forgetKeys() {
        MACS.remove();
    }

    /** How many keyed Macs this thread keeps now: what {@link #forgetKeys} empties. */
    public static int keptKeys() {
        int count = 0;
        for (Keyed keyed : MACS.get()) {
            if (keyed != null) {
                count++;
            }
        }
        return count;
    }

    /** This thread's Mac keyed with {@code key}; the least recently keyed one makes room. */
    private static Mac keyed(byte[] key) {
        Keyed[] kept = MACS.get();
        for (Keyed candidate : kept) {
            if (candidate != null && Arrays.equals(candidate.key(), key)) {
                return candidate.mac();
            }
        }
        Mac mac;
        try {
            mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
        }
        System.arraycopy(kept, 0, kept, 1, kept.length - 1);
        kept[0] = new Keyed(key.clone(), mac);
        return mac;
    }
}
