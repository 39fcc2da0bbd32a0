package org.newsroom.core.limits;

import java.util.Objects;
import java.util.Optional;
import org.newsroom.core.crypto.Pepper;

/**
 * The rate-limit key of a client: a {@link Pepper} digest of its network, so no IP address is
 * stored and none can be recovered from the limits table. Requests without a source address share
 * the key of {@code "unknown"}.
 */
public final class ClientKeys {

    /** Key length: 22 base64url characters (132 bits), short and far from colliding. */
    static final int LENGTH = 22;

    private final Pepper pepper;

    public ClientKeys(Pepper pepper) {
        this.pepper = Objects.requireNonNull(pepper, "pepper");
    }

    /** The key the client of {@code sourceIp} is counted under. */
    public String key(Optional<String> sourceIp) {
        return pepper.digest("client", sourceIp.orElse("unknown")).substring(0, LENGTH);
    }
}
