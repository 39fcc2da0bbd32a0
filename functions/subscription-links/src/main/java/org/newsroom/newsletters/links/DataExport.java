package org.newsroom.newsletters.links;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.newsroom.core.http.HttpResponse;
import org.newsroom.core.json.ArrayNode;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.ObjectNode;
import org.newsroom.memberships.DynamoDbMemberLookup;
import org.newsroom.memberships.Gift;
import org.newsroom.memberships.GiftAddress;
import org.newsroom.memberships.Member;
import org.newsroom.subscriptions.ConfirmationRequest;
import org.newsroom.subscriptions.ReaderRecords;
import org.newsroom.subscriptions.Subscription;

/**
 * The right-of-access document: everything stored about one address, as JSON, shown only to the
 * holder of an export link (which was emailed to the address). Subscriptions come with their
 * consent evidence; memberships and gifts come from the memberships table (read only). A gift shows
 * what the address's role in it may see: never the other person's address, and the payment id only
 * to its buyer.
 */
final class DataExport {

    /** The memberships, and the gifts bought by or for, an address. */
    interface Memberships {
        DynamoDbMemberLookup.AddressRecords find(String address);

        static Memberships of(Function<String, DynamoDbMemberLookup.AddressRecords> lookup) {
            return lookup::apply;
        }
    }

    private final Memberships memberships;

    DataExport(Memberships memberships) {
        this.memberships = memberships;
    }

    ObjectNode document(ReaderRecords records, Instant now) {
        ObjectNode doc = Json.object();
        doc.put("generatedAt", now.toString());
        Optional<String> address = records.address();
        doc.put("email", address.orElse(null));
        ArrayNode subscriptions = doc.putArray("subscriptions");
        records.subscriptions().forEach(s -> subscriptions.add(subscription(s)));
        ArrayNode requests = doc.putArray("confirmationEmails");
        records.confirmationRequests().forEach(r -> requests.add(request(r)));
        records.suppression()
                .ifPresentOrElse(
                        s -> {
                            ObjectNode node = doc.putObject("suppression");
                            node.put("reason", s.reason());
                            node.put("suppressedAt", s.at().map(Instant::toString).orElse(null));
                        },
                        () -> doc.putNull("suppression"));
        ArrayNode members = doc.putArray("memberships");
        ArrayNode gifts = doc.putArray("gifts");
        address.ifPresent(
                a -> {
                    DynamoDbMemberLookup.AddressRecords found = memberships.find(a);
                    found.members().forEach(m -> members.add(member(m)));
                    found.gifts().forEach(g -> gifts.add(gift(g)));
                });
        return doc;
    }

    /** The document as a download: never cached, never passed on to another site. */
    static HttpResponse response(ObjectNode document) {
        return HttpResponse.json(200, document.toPrettyString())
                .withHeader("content-disposition", "attachment; filename=\"my-data.json\"")
                .withHeader("cache-control", "no-store")
                .withHeader("referrer-policy", "no-referrer");
    }

    private static ObjectNode subscription(Subscription s) {
        ObjectNode node = Json.object();
        node.put("newsletter", s.newsletter());
        node.put("status", s.status().code());
        node.put("createdAt", s.createdAt().toString());
        node.put("updatedAt", s.updatedAt().toString());
        node.put("confirmedAt", s.confirmedAt().map(Instant::toString).orElse(null));
        ObjectNode consent = node.putObject("consent");
        consent.put("source", s.consent().source());
        consent.put("page", s.consent().page());
        consent.put("at", s.consent().at().toString());
        return node;
    }

    private static ObjectNode member(Member m) {
        ObjectNode node = Json.object();
        node.put("plan", m.plan());
        node.put("status", m.status().name().toLowerCase(Locale.ROOT));
        node.put("source", m.source().name().toLowerCase(Locale.ROOT));
        node.put("startedAt", m.startedAt().map(Instant::toString).orElse(null));
        node.put("endedAt", m.endedAt().map(Instant::toString).orElse(null));
        node.put("updatedAt", m.updatedAt().toString());
        return node;
    }

    private static ObjectNode gift(GiftAddress found) {
        Gift g = found.gift();
        ObjectNode node = Json.object();
        ArrayNode roles = node.putArray("roles");
        found.roles().forEach(r -> roles.add(r.name().toLowerCase(Locale.ROOT)));
        if (found.roles().contains(GiftAddress.Role.BUYER)) {
            node.put("giftId", g.id());
        }
        node.put("state", g.state().name().toLowerCase(Locale.ROOT));
        node.put("purchasedAt", g.purchasedAt().map(Instant::toString).orElse(null));
        node.put("deliverOn", g.deliverOn().map(LocalDate::toString).orElse(null));
        node.put("recipientName", g.recipientName().orElse(null));
        node.put("message", g.message().orElse(null));
        node.put("validUntil", g.expiresAt().map(Instant::toString).orElse(null));
        node.put("updatedAt", g.updatedAt().toString());
        return node;
    }

    private static ObjectNode request(ConfirmationRequest r) {
        ObjectNode node = Json.object();
        node.put("requestedAt", r.createdAt().toString());
        ArrayNode newsletters = node.putArray("newsletters");
        r.newsletters().forEach(newsletters::add);
        return node;
    }
}
