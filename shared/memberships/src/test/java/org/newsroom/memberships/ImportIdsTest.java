package org.newsroom.memberships;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.newsroom.core.crypto.Digests;
import org.newsroom.core.crypto.Pepper;
import org.newsroom.core.email.AddressKeys;
import org.newsroom.core.email.EmailAddress;

class ImportIdsTest {

    private static final AddressKeys KEYS =
            new AddressKeys(Pepper.of("import-ids-test-pepper-0123456789abcdef"));
    private static final EmailAddress ADA = EmailAddress.parse("Ada@Example.org").orElseThrow();

    @Test
    void peppered_shouldBeTheAddressIdBehindImport() {
        assertEquals("import-" + KEYS.id(ADA), ImportIds.peppered(KEYS).of(ADA));
    }

    @Test
    void peppered_shouldNotBeTheBareHashOfTheAddress() {
        String id = ImportIds.peppered(KEYS).of(ADA);
        assertNotEquals("import-" + Digests.sha256Hex(ADA.value()), id);
    }

    @Test
    void peppered_shouldDifferBetweenPeppers_andAgreeForOneAddressHoweverCased() {
        ImportIds other =
                ImportIds.peppered(
                        new AddressKeys(Pepper.of("another-stacks-pepper-0123456789abcdef")));
        EmailAddress lower = EmailAddress.parse("ada@example.org").orElseThrow();
        assertNotEquals(ImportIds.peppered(KEYS).of(ADA), other.of(ADA));
        assertEquals(ImportIds.peppered(KEYS).of(ADA), ImportIds.peppered(KEYS).of(lower));
    }

    @Test
    void notUsed_shouldRefuse_soAServiceWithoutThePepperCannotMakeAWrongId() {
        assertThrows(IllegalStateException.class, () -> ImportIds.notUsed().of(ADA));
    }
}
