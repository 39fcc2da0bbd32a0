package org.newsroom.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DigestsTest {

    @Test
    void sha256_shouldMatchTheStandardTestVector_inBothSpellings() {
        // FIPS 180-2 example: SHA-256("abc").
        assertEquals(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Digests.sha256Hex("abc"));
        assertEquals("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0", Digests.sha256Base64Url("abc"));
    }
}
