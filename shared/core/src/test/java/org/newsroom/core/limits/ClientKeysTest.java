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

    @Test
    void key_shouldCountAnIpv6ClientPer64_howeverItRotatesItsInterfaceId() {
        String first = key("2001:db8:85a3:12:1111:2222:3333:4444");
        assertEquals(first, key("2001:db8:85a3:12:abcd:ef01:2345:6789"));
        assertEquals(first, key("2001:0DB8:85A3:0012::1"), "any spelling of the same /64");
        assertNotEquals(first, key("2001:db8:85a3:13::1"), "the next /64 is another client");
    }

    @Test
    void network_shouldName64sAndKeepIpv4Addresses() {
        assertEquals(
                "20010db885a30012::/64",
                ClientKeys.network("2001:db8:85a3:12:1111:2222:3333:4444"));
        assertEquals("203.0.113.10", ClientKeys.network("203.0.113.10"));
        assertEquals("203.0.113.10", ClientKeys.network("::ffff:203.0.113.10"));
        assertEquals("unknown", ClientKeys.network("unknown"));
        assertEquals("not-an-ip.example", ClientKeys.network("not-an-ip.example"));
    }
}
