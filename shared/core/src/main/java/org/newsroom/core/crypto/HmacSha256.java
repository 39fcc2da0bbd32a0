package org.newsroom.core.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 with one {@link Mac} per thread: asking the security providers for a new instance on
 * every call was a visible share of a warm request (pepper digests, webhook signatures, link
 * tokens, feed cursors); keying an existing one is cheap.
 */
public final class HmacSha256 {

    private static final String ALGORITHM = "HmacSHA256";

    private static final ThreadLocal<Mac> MACS = new ThreadLocal<>();

    private HmacSha256() {}

    /** The HMAC of the parts, in order, under {@code key}. */
    public static byte[] of(byte[] key, byte[]... parts) {
        Mac mac = MACS.get();
        try {
            if (mac == null) {
                mac = Mac.getInstance(ALGORITHM);
                MACS.set(mac);
            }
            mac.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
        }
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }
}
