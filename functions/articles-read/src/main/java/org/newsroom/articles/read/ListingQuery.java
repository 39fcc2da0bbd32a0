package org.newsroom.articles.read;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.newsroom.articles.Listing;
import org.newsroom.articles.ListingPosition;
import org.newsroom.articles.Slugs;
import org.newsroom.core.http.FieldError;
import org.newsroom.core.http.HttpRequest;
import org.newsroom.core.http.Problem;
import org.newsroom.core.http.ProblemException;

/**
 * The query of {@code GET /articles}: one listing ({@code section}, {@code tag} or {@code
 * featured=true}; everything when none), a page size ({@code limit}, 1 to {@value #MAX_LIMIT},
 * {@value #DEFAULT_LIMIT} by default) and where to continue ({@code cursor}).
 */
record ListingQuery(Listing listing, int limit, Optional<ListingPosition> after) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 50;

    /**
     * The query of the request.
     *
     * @throws ProblemException 400 validation with a message per bad parameter, or for a cursor
     *     that does not belong to this listing or was not signed with the current key
     */
    static ListingQuery parse(HttpRequest request, Instant now, CursorCodec cursors) {
        List<FieldError> errors = new ArrayList<>();
        Listing listing = listing(request, errors);
        int limit = limit(request, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.validation(errors));
        }
        Optional<ListingPosition> after = Optional.empty();
        Optional<String> cursor = request.query("cursor");
        if (cursor.isPresent()) {
            after = cursors.decode(cursor.get(), listing, now);
            if (after.isEmpty()) {
                throw new ProblemException(
                        Problem.validation(
                                List.of(
                                        new FieldError(
                                                "cursor",
                                                "This cursor is not valid for this list. Start again from the first page."))));
            }
        }
        return new ListingQuery(listing, limit, after);
    }

    private static Listing listing(HttpRequest request, List<FieldError> errors) {
        Optional<String> section = request.query("section");
        Optional<String> tag = request.query("tag");
        Optional<String> featured = request.query("featured");
        int filters =
                (section.isPresent() ? 1 : 0)
                        + (tag.isPresent() ? 1 : 0)
                        + (featured.filter("true"::equals).isPresent() ? 1 : 0);
        if (filters > 1) {
            errors.add(
                    new FieldError(
                            "section", "Filter by one of section, tag or featured at a time."));
            return Listing.ALL;
        }
        if (featured.isPresent()
                && !featured.get().equals("true")
                && !featured.get().equals("false")) {
            errors.add(new FieldError("featured", "featured must be true or false."));
        }
        if (section.isPresent()) {
            if (!Slugs.isValid(section.get())) {
                errors.add(
                        new FieldError(
                                "section", "section must be a section slug such as 'climate'."));
            }
            return Listing.section(section.get());
        }
        if (tag.isPresent()) {
            if (!Slugs.isValid(tag.get())) {
                errors.add(new FieldError("tag", "tag must be a tag slug such as 'elections'."));
            }
            return Listing.tag(tag.get());
        }
        return featured.filter("true"::equals).isPresent() ? Listing.FEATURED : Listing.ALL;
    }

    private static int limit(HttpRequest request, List<FieldError> errors) {
        Optional<String> raw = request.query("limit");
        if (raw.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw.get());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Reported below, with the same message as an out-of-range number.
        }
        errors.add(
                new FieldError(
                        "limit", "limit must be a whole number from 1 to " + MAX_LIMIT + "."));
        return DEFAULT_LIMIT;
    }
}
