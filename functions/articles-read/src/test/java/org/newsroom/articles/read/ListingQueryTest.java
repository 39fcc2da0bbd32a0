package org.newsroom.articles.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.newsroom.articles.Listing;
import org.newsroom.articles.ListingPosition;
import org.newsroom.core.http.FieldError;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.ProblemException;

class ListingQueryTest {

    private static final Instant NOW = Instant.parse("2026-11-26T09:30:00Z");
    private static final CursorCodec CURSORS =
            new CursorCodec(
                    () -> CursorCodecTest.KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private static ListingQuery parse(Map<String, String> query) {
        return ListingQuery.parse(
                HttpRequest.of(
                        APIGatewayV2HTTPEvent.builder()
                                .withRouteKey("GET /articles")
                                .withQueryStringParameters(query)
                                .build()),
                NOW,
                CURSORS);
    }

    private static List<FieldError> errors(Map<String, String> query) {
        return assertThrows(ProblemException.class, () -> parse(query)).problem().errors();
    }

    @Test
    void parse_shouldListEverything_twentyAtATime_byDefault() {
        assertEquals(new ListingQuery(Listing.ALL, 20, Optional.empty()), parse(Map.of()));
        assertEquals(Listing.ALL, parse(Map.of("featured", "false")).listing());
    }

    @Test
    void parse_shouldReadOneFilterAndTheLimit() {
        assertEquals(
                new ListingQuery(Listing.section("climate"), 50, Optional.empty()),
                parse(Map.of("section", "climate", "limit", "50")));
        assertEquals(Listing.tag("elections"), parse(Map.of("tag", "elections")).listing());
        assertEquals(Listing.FEATURED, parse(Map.of("featured", "true")).listing());
    }

    @Test
    void parse_shouldContinueAfterTheCursorsPosition_forTheSameListing() {
        ListingPosition position =
                new ListingPosition(
                        Listing.section("city"),
                        Instant.parse("2026-11-25T07:15:00Z"),
                        "harbour-bridge");
        ListingQuery query = parse(Map.of("section", "city", "cursor", CURSORS.encode(position)));
        assertEquals(Optional.of(position), query.after());
    }

    @Test
    void parse_shouldRejectACursorOfAnotherListing() {
        ListingPosition position =
                new ListingPosition(
                        Listing.section("city"),
                        Instant.parse("2026-11-25T07:15:00Z"),
                        "harbour-bridge");
        assertEquals("cursor", errors(Map.of("cursor", CURSORS.encode(position))).get(0).field());
    }

    @Test
    void parse_shouldRejectTwoFilters_andBadValues_withAMessageEach() {
        assertEquals("section", errors(Map.of("section", "city", "tag", "x")).get(0).field());
        assertEquals(
                List.of("featured", "limit"),
                errors(Map.of("featured", "yes", "limit", "0")).stream()
                        .map(FieldError::field)
                        .toList());
        assertEquals("tag", errors(Map.of("tag", "Not A Slug")).get(0).field());
        assertEquals("limit", errors(Map.of("limit", "ten")).get(0).field());
        assertEquals("limit", errors(Map.of("limit", "51")).get(0).field());
    }
}
