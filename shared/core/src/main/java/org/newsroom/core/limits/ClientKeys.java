package org.newsroom.core.limits;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.newsroom.core.crypto.Pepper;

/**
 * The rate-limit key of a client: a {@link Pepper} digest of its network, so no IP address is
 * stored and none can be recovered from the limits table. An IPv4 client is counted per address; an
 * IPv6 client per /64, the smallest block one subscriber is given (it can rotate freely within it,
 * so a per-address limit would not hold). An IPv4-mapped IPv6 address counts as its IPv4 address.
 * Requests without a source address, or with one that is not an IP literal, are counted under the
 * text given ({@code "unknown"} when absent).
 */
public final class ClientKeys {

    /** Key length: 22 base64url characters (132 bits), short and far from colliding. */
    static final int LENGTH = 22;

    /** Hex digits, colons and dots (an embedded IPv4 part) only: no zone id, no host name. */
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final Pepper pepper;

    public ClientKeys(Pepper pepper) {
        this.pepper = Objects.requireNonNull(pepper, "pepper");
    }

    /** The key the client of {@code sourceIp} is counted under. */
    public String key(Optional<String> sourceIp) {
        return pepper.digest("client", network(sourceIp.orElse("unknown"))).substring(0, LENGTH);
    }

    /**
     * What one client is: the IPv4 address itself, or {@code "<first 64 bits>::/64"} of an IPv6
     * address (as 16 hex digits, so every spelling of one network gives one text).
     */
    static String network(String sourceIp) {
        String ip = sourceIp.strip();
        if (ip.indexOf(':') < 0 || !IPV6_LITERAL.matcher(ip).matches()) {
            return ip;
        }
        byte[] bytes;
        try {
            // A literal with a colon is parsed, never looked up in DNS.
            bytes = InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return ip;
        }
        if (bytes.length == 4) {
            // ::ffff:a.b.c.d, which Java gives back as the IPv4 address.
            return (bytes[0] & 0xff)
                    + "."
                    + (bytes[1] & 0xff)
                    + "."
                    + (bytes[2] & 0xff)
                    + "."
                    + (bytes[3] & 0xff);
        }
        return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
    }
}
