package org.newsroom.core.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.newsroom.core.crypto.Digests;
import org.newsroom.core.crypto.Pepper;

class AddressKeysTest {

    private static final AddressKeys KEYS =
            new AddressKeys(Pepper.of("address-keys-test-pepper-0123456789abcdef"));

    private static EmailAddress address(String text) {
        return EmailAddress.parse(text).orElseThrow();
    }

    @Test
    void id_shouldBeStablePerNormalisedAddress_andNotContainIt() {
        String id = KEYS.id(address("Reader@example.org"));
        assertEquals(id, KEYS.id(address("reader@EXAMPLE.org")));
        assertEquals(43, id.length());
        assertFalse(id.contains("reader"));
        assertNotEquals(id, KEYS.id(address("other@example.org")));
    }

    @Test
    void id_shouldNotBeTheBareSha256OfTheAddress_soNoListOfAddressesReversesIt() {
        assertNotEquals(
                Digests.sha256Base64Url("reader@example.org"),
                KEYS.id(address("reader@example.org")));
    }

    @Test
    void id_shouldDifferUnderAnotherPepper() {
        assertNotEquals(
                KEYS.id(address("reader@example.org")),
                new AddressKeys(Pepper.of("another-pepper-0123456789abcdefghijklmn"))
                        .id(address("reader@example.org")));
    }

    @Test
    void mailboxId_shouldBeOnePerInbox_howeverTheAddressIsWritten() {
        String victim = KEYS.mailboxId(address("victim@gmail.com"));
        assertEquals(victim, KEYS.mailboxId(address("victim+1@gmail.com")));
        assertEquals(victim, KEYS.mailboxId(address("V.i.c.t.i.m+2@googlemail.com")));
        assertNotEquals(victim, KEYS.mailboxId(address("other@gmail.com")));
        assertNotEquals(
                KEYS.id(address("victim+1@gmail.com")), KEYS.id(address("victim+2@gmail.com")));
    }

    @Test
    void mailboxId_shouldDifferFromTheAddressId_ofTheSameText() {
        assertNotEquals(
                KEYS.id(address("reader@example.org")),
                KEYS.mailboxId(address("reader@example.org")));
    }
}
