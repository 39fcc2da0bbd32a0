package org.newsroom.core.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newsroom.core.crypto.Digests;
import org.newsroom.core.crypto.Pepper;

class ClientKeysTest {

    private static final ClientKeys KEYS =
            new ClientKeys(Pepper.of("client-keys-test-pepper-0123456789abcdef"));

    private static String key(String ip) {
        return KEYS.key(Optional.of(ip));
    }

    @Test
    void key_shouldBeA22CharacterKeyedDigest_notTheBareSha256() {
        String key = key("203.0.113.10");
        assertEquals(22, key.length());
        assertNotEquals(Digests.sha256Base64Url("203.0.113.10").substring(0, 22), key);
        assertNotEquals(Digests.sha256Hex("203.0.113.10").substring(0, 22), key);
    }

    @Test
    void key_shouldCountIpv4ClientsPerAddress() {
        assertEquals(key("203.0.113.10"), key("203.0.113.10"));
        assertNotEquals(key("203.0.113.10"), key("203.0.113.11"));
    }

    @Test
    void key_shouldCountRequestsWithoutAnAddressTogether() {
        assertEquals(KEYS.key(Optional.empty()), key("unknown"));
    }
}
