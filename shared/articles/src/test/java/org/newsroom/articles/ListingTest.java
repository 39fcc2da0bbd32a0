package org.newsroom.articles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ListingTest {

    @Test
    void equals_shouldHoldForTheSameKeyOnly_withEqualHashCodes() {
        assertEquals(Listing.tag("transport"), new Listing("TAG#transport"));
        assertEquals(Listing.tag("transport").hashCode(), new Listing("TAG#transport").hashCode());
        assertNotEquals(Listing.tag("transport"), Listing.section("transport"));
        assertNotEquals(Listing.ALL, "ALL");
        assertNotEquals(Listing.ALL, null);
    }

    @Test
    void aSetOfListings_shouldFindAnEqualListing() {
        Set<Listing> listings =
                Set.of(Listing.ALL, Listing.section("city"), Listing.tag("council"));

        assertEquals(true, listings.contains(new Listing("SECTION#city")));
        assertEquals(false, listings.contains(new Listing("SECTION#council")));
    }
}
