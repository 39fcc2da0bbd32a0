package org.newsroom.memberships;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newsroom.core.limits.DynamoDbRateLimiter;
import org.newsroom.core.time.Timestamps;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Key layout and attribute names of the memberships table, and the explicit mapping between items
 * and records. One table, generic keys {@code pk} / {@code sk}:
 *
 * <pre>
 * MEMBER#&lt;id&gt;                 MEMBER           a membership; statusAt is the time of the latest
 *                                              event applied (events older than it cannot start
 *                                              or end it); an import-an import-&lt;hash&gt; member carrieslt;address idan import-&lt;hash&gt; member carriesgt; member carries
 *                                              linkedTo once its address has a paid membership
 *                                              (ended then, so the person counts once)
 * EVENT#&lt;event id&gt;           EVENT            processed payment event (purged after a year)
 * COUNTER#&lt;shard&gt;          COUNTER          one shard of every counter, one number attribute
 *                                              per counter ("supporters", "campaign:x"); the
 *                                              shards are separate partitions so writes spread
 * GIFT#&lt;payment id&gt;         GIFT             a gift purchase
 * GIFT#&lt;payment id&gt;         ADDRESS#&lt;role&gt;  an address of the gift (BUYER, RECIPIENT): email,
 *                                              giftId, role; written with the gift, so the
 *                                              sparse MembersByEmail index finds the gifts an
 *                                              address bought or receives (no second index)
 * GIFT#&lt;payment id&gt;         MAIL#&lt;kind&gt;     a gift job: RECIPIENT and RECEIPT mails,
 *                                              ADDRESS_REQUEST (ask the buyer for a corrected
 *                                              recipient address) and MEMBERSHIP_END (a redeemed
 *                                              gift's term is over); its dueKey says which list
 *                                              of the DueMail index it is on: GIFT_MAIL (due, or
 *                                              leased until dueAt), GIFT_MAIL_DEAD (gave up; dueAt
 *                                              = when) or GIFT_ADDRESS_NEEDED (a recipient mail
 *                                              waiting for a corrected address)
 * CODE#&lt;sha-256 of code&gt;    CODE             which gift an issued code belongs to
 * RATE#&lt;key&gt;                RATE             attempts in one rate-limit window (purged)
 * CAMPAIGN                   CAMPAIGN         the current campaign (campaignId, title, goal,
 *                                              startsAt, endsAt), edited by operators
 * </pre>
 *
 * The job kinds keep these stored names whatever {@link GiftJob.Kind} calls them, so items written
 * earlier still read. Gift-redeem's {@code RATE} windows are counted by core's {@code
 * DynamoDbRateLimiter} with {@link #rateLayout()}.
 */
public final class MembershipItems {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String VERSION = "version";
    public static final String PURGE_AT = "purgeAt";
    public static final String DUE_INDEX = "DueMail";
    public static final String DUE_KEY = "dueKey";
    public static final String DUE_AT = "dueAt";
    public static final String DUE_KEY_VALUE = "GIFT_MAIL";
    public static final String DEAD_KEY_VALUE = "GIFT_MAIL_DEAD";
    public static final String ADDRESS_NEEDED_KEY_VALUE = "GIFT_ADDRESS_NEEDED";
    public static final String HITS = "hits";

    static final String STATUS = "status";
    static final String PLAN = "plan";
    static final String EMAIL = "email";
    static final String SOURCE = "source";
    static final String STARTED_AT = "startedAt";
    static final String ENDED_AT = "endedAt";
    static final String UPDATED_AT = "updatedAt";
    static final String EVENT_ID = "eventId";

    static final String STATE = "state";
    static final String BUYER_EMAIL = "buyerEmail";
    static final String RECIPIENT_EMAIL = "recipientEmail";
    static final String RECIPIENT_NAME = "recipientName";
    static final String MESSAGE = "message";
    static final String DELIVER_ON = "deliverOn";
    static final String PURCHASED_AT = "purchasedAt";
    static final String VALID_UNTIL = "validUntil";
    static final String CODE_HASH = "codeHash";
    static final String REDEEMED_BY = "redeemedBy";
    static final String GIFT_ID = "giftId";
    static final String KIND = "kind";
    static final String ATTEMPTS = "attempts";
    static final String CLAIMED_AT = "claimedAt";
    static final String FAILURE = "failure";
    static final String STATUS_AT = "statusAt";
    static final String LINKED_TO = "linkedTo";

    public static final String CAMPAIGN_ID = "campaignId";
    public static final String CAMPAIGN_TITLE = "title";
    public static final String CAMPAIGN_GOAL = "goal";
    public static final String CAMPAIGN_STARTS_AT = "startsAt";
    public static final String CAMPAIGN_ENDS_AT = "endsAt";

    static final String MEMBER_SK = "MEMBER";
    static final String EVENT_SK = "EVENT";
    static final String COUNTER_SK = "COUNTER";
    static final String GIFT_SK = "GIFT";
    static final String CODE_SK = "CODE";
    static final String RATE_SK = "RATE";
    static final String CAMPAIGN = "CAMPAIGN";
    static final String MAIL_SK_PREFIX = "MAIL#";
    static final String ADDRESS_SK_PREFIX = "ADDRESS#";
    static final String ROLE = "role";

    private static final String MEMBER_PK_PREFIX = "MEMBER#";
    private static final String GIFT_PK_PREFIX = "GIFT#";
    private static final String EVENT_PK_PREFIX = "EVENT#";

    private MembershipItems() {}

    // Keys are built on every request: the fixed sort keys (and the counter shards' keys) are made
    // once, and prefixes joined with concat, which costs less than a concatenation expression in
    // code that is not compiled to the highest level.
    private static final AttributeValue MEMBER_SK_VALUE = AttributeValue.fromS(MEMBER_SK);
    private static final AttributeValue EVENT_SK_VALUE = AttributeValue.fromS(EVENT_SK);
    private static final AttributeValue GIFT_SK_VALUE = AttributeValue.fromS(GIFT_SK);
    private static final AttributeValue CODE_SK_VALUE = AttributeValue.fromS(CODE_SK);
    private static final AttributeValue RATE_SK_VALUE = AttributeValue.fromS(RATE_SK);
    private static final Map<String, AttributeValue> CAMPAIGN_KEY = key(CAMPAIGN, CAMPAIGN);

    /** The key of each counter shard, made on first use ({@link MembershipTable#MAX_SHARDS}). */
    @SuppressWarnings("unchecked")
    private static final Map<String, AttributeValue>[] COUNTER_KEYS =
            new Map[MembershipTable.MAX_SHARDS];

    public static Map<String, AttributeValue> memberKey(String id) {
        return key(memberPk(id), MEMBER_SK_VALUE);
    }

    public static Map<String, AttributeValue> eventKey(String eventId) {
        return key(eventPk(eventId), EVENT_SK_VALUE);
    }

    public static Map<String, AttributeValue> counterKey(int shard) {
        if (shard < 0 || shard >= COUNTER_KEYS.length) {
            return key("COUNTER#" + shard, COUNTER_SK);
        }
        // Racing threads may each make a key: equal immutable maps, so either one will do.
        Map<String, AttributeValue> key = COUNTER_KEYS[shard];
        if (key == null) {
            key = key("COUNTER#" + shard, COUNTER_SK);
            COUNTER_KEYS[shard] = key;
        }
        return key;
    }

    public static Map<String, AttributeValue> giftKey(String id) {
        return key(giftPk(id), GIFT_SK_VALUE);
    }

    public static Map<String, AttributeValue> jobKey(String giftId, GiftJob.Kind kind) {
        return key(giftPk(giftId), jobSk(storedName(kind)));
    }

    /** The item that files gift {@code giftId} under the address it has in {@code role}. */
    public static Map<String, AttributeValue> giftAddressKey(String giftId, GiftAddress.Role role) {
        return key(giftPk(giftId), AttributeValue.fromS(ADDRESS_SK_PREFIX.concat(role.name())));
    }

    public static Map<String, AttributeValue> codeKey(String codeHash) {
        return key("CODE#".concat(codeHash), CODE_SK_VALUE);
    }

    public static Map<String, AttributeValue> rateKey(String key) {
        return key("RATE#".concat(key), RATE_SK_VALUE);
    }

    /** The one campaign item: the campaign counters count for, and the banner shows. */
    public static Map<String, AttributeValue> campaignKey() {
        return CAMPAIGN_KEY;
    }

    /**
     * Where gift-redeem's attempt windows live: {@code RATE#<name>} items counting in {@code hits}.
     */
    public static DynamoDbRateLimiter.Layout rateLayout() {
        return new DynamoDbRateLimiter.Layout(MembershipItems::rateKey, HITS, PURGE_AT);
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return key(pk, AttributeValue.fromS(sk));
    }

    /**
     * A key as an unmodifiable hash map rather than {@code Map.of}: every request builder copies
     * the keys it is given entry by entry, and a hash map hands its entries over in one loop where
     * an immutable map's default iteration makes an entry set, an iterator and an entry per key.
     */
    private static Map<String, AttributeValue> key(String pk, AttributeValue sk) {
        return key(AttributeValue.fromS(pk), sk);
    }

    private static Map<String, AttributeValue> key(AttributeValue pk, AttributeValue sk) {
        return Collections.unmodifiableMap(item(pk, sk, 2));
    }

    // The partition and sort keys of the items a key and an item builder both name: one rule each.
    private static AttributeValue memberPk(String id) {
        return AttributeValue.fromS(MEMBER_PK_PREFIX.concat(id));
    }

    private static AttributeValue eventPk(String eventId) {
        return AttributeValue.fromS(EVENT_PK_PREFIX.concat(eventId));
    }

    private static AttributeValue giftPk(String id) {
        return AttributeValue.fromS(GIFT_PK_PREFIX.concat(id));
    }

    private static AttributeValue jobSk(String storedKind) {
        return AttributeValue.fromS(MAIL_SK_PREFIX.concat(storedKind));
    }

    /** A new item of {@code attributes} attributes at most, its key already in it. */
    static Map<String, AttributeValue> item(AttributeValue pk, AttributeValue sk, int attributes) {
        // Sized so that it never grows: a map grows once it is three quarters full.
        Map<String, AttributeValue> item = new HashMap<>(attributes * 4 / 3 + 1);
        item.put(PK, pk);
        item.put(SK, sk);
        return item;
    }

    /** A stored event marker: the event's key, when it was processed and when it may be purged. */
    static Map<String, AttributeValue> eventItem(
            String eventId, String updatedAt, long purgeAtEpochSecond) {
        Map<String, AttributeValue> item = item(eventPk(eventId), EVENT_SK_VALUE, 4);
        item.put(UPDATED_AT, AttributeValue.fromS(updatedAt));
        item.put(PURGE_AT, AttributeValue.fromN(Long.toString(purgeAtEpochSecond)));
        return item;
    }

    /** Each constant's name as a string attribute, by ordinal: made once, they never change. */
    private static AttributeValue[] names(Enum<?>[] constants) {
        AttributeValue[] values = new AttributeValue[constants.length];
        for (Enum<?> constant : constants) {
            values[constant.ordinal()] = AttributeValue.fromS(constant.name());
        }
        return values;
    }

    private static final AttributeValue[] MEMBER_STATUSES = names(Member.Status.values());
    private static final AttributeValue[] MEMBER_SOURCES = names(Member.Source.values());
    private static final AttributeValue[] GIFT_STATES = names(Gift.State.values());

    /** A gift's state as stored, such as {@code ISSUED}. */
    static AttributeValue stateValue(Gift.State state) {
        return GIFT_STATES[state.ordinal()];
    }

    static Map<String, AttributeValue> toItem(Member member, long version) {
        Map<String, AttributeValue> item = item(memberPk(member.id()), MEMBER_SK_VALUE, 12);
        item.put(STATUS, MEMBER_STATUSES[member.status().ordinal()]);
        item.put(PLAN, AttributeValue.fromS(member.plan()));
        item.put(SOURCE, MEMBER_SOURCES[member.source().ordinal()]);
        putString(item, EMAIL, member.email().orElse(null));
        putInstant(item, STARTED_AT, member.startedAt().orElse(null));
        putInstant(item, ENDED_AT, member.endedAt().orElse(null));
        putInstant(item, STATUS_AT, member.eventAt().orElse(null));
        putString(item, LINKED_TO, member.linkedTo().orElse(null));
        putUpdatedAtAndVersion(item, member.updatedAt(), version);
        return item;
    }

    private static void putString(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value));
        }
    }

    private static void putInstant(Map<String, AttributeValue> item, String name, Instant value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(Timestamps.format(value)));
        }
    }

    static Member toMember(Map<String, AttributeValue> item) {
        Member.Builder member =
                Member.builder(
                                idAfter(MEMBER_PK_PREFIX, item),
                                Member.Status.valueOf(item.get(STATUS).s()),
                                item.get(PLAN).s(),
                                Member.Source.valueOf(item.get(SOURCE).s()),
                                updatedAt(item))
                        .version(version(item));
        string(item, EMAIL).ifPresent(member::email);
        string(item, STARTED_AT).map(Timestamps::parse).ifPresent(member::startedAt);
        string(item, ENDED_AT).map(Timestamps::parse).ifPresent(member::endedAt);
        string(item, STATUS_AT).map(Timestamps::parse).ifPresent(member::eventAt);
        string(item, LINKED_TO).ifPresent(member::linkedTo);
        return member.build();
    }

    /** The campaign item; start and end as ISO instants, the goal as a number. */
    static Map<String, AttributeValue> toItem(Campaign campaign, Instant updatedAt) {
        Map<String, AttributeValue> item = new HashMap<>(campaignKey());
        item.put(CAMPAIGN_ID, AttributeValue.fromS(campaign.id()));
        item.put(CAMPAIGN_TITLE, AttributeValue.fromS(campaign.title()));
        item.put(CAMPAIGN_GOAL, AttributeValue.fromN(Long.toString(campaign.goal())));
        item.put(CAMPAIGN_STARTS_AT, AttributeValue.fromS(campaign.startsAt().toString()));
        item.put(CAMPAIGN_ENDS_AT, AttributeValue.fromS(campaign.endsAt().toString()));
        item.put(UPDATED_AT, AttributeValue.fromS(Timestamps.format(updatedAt)));
        return item;
    }

    /**
     * The campaign of a campaign item. An item edited by hand may give dates instead of instants
     * and the goal as a string; one that is still not a valid campaign fails loudly rather than
     * counting for the wrong window.
     */
    static Campaign toCampaign(Map<String, AttributeValue> item) {
        AttributeValue goal = item.get(CAMPAIGN_GOAL);
        try {
            return Campaign.parse(
                    string(item, CAMPAIGN_ID).orElse(""),
                    string(item, CAMPAIGN_TITLE).orElse(""),
                    goal == null ? "" : goal.n() != null ? goal.n() : goal.s(),
                    string(item, CAMPAIGN_STARTS_AT).orElse(""),
                    string(item, CAMPAIGN_ENDS_AT).orElse(""));
        } catch (IllegalArgumentException e) {
            throw new MembershipStoreException(
                    "The campaign item is not valid (fix it with make campaign): " + e.getMessage(),
                    e);
        }
    }

    /** Whether {@code item} is the campaign item (not a counter shard). */
    static boolean isCampaign(Map<String, AttributeValue> item) {
        AttributeValue pk = item.get(PK);
        return pk != null && CAMPAIGN.equals(pk.s());
    }

    static Map<String, AttributeValue> toItem(Gift gift, long version) {
        Map<String, AttributeValue> item = item(giftPk(gift.id()), GIFT_SK_VALUE, 15);
        item.put(STATE, stateValue(gift.state()));
        putString(item, BUYER_EMAIL, gift.buyerEmail().orElse(null));
        putString(item, RECIPIENT_EMAIL, gift.recipientEmail().orElse(null));
        putString(item, RECIPIENT_NAME, gift.recipientName().orElse(null));
        putString(item, MESSAGE, gift.message().orElse(null));
        LocalDate deliverOn = gift.deliverOn().orElse(null);
        if (deliverOn != null) {
            item.put(DELIVER_ON, AttributeValue.fromS(deliverOn.toString()));
        }
        putInstant(item, PURCHASED_AT, gift.purchasedAt().orElse(null));
        Instant expiresAt = gift.expiresAt().orElse(null);
        if (expiresAt != null) {
            item.put(VALID_UNTIL, AttributeValue.fromS(sortable(expiresAt)));
        }
        putString(item, CODE_HASH, gift.codeHash().orElse(null));
        putString(item, REDEEMED_BY, gift.redeemedBy().orElse(null));
        putUpdatedAtAndVersion(item, gift.updatedAt(), version);
        return item;
    }

    static Gift toGift(Map<String, AttributeValue> item) {
        Gift.Builder gift =
                Gift.builder(
                                idAfter(GIFT_PK_PREFIX, item),
                                Gift.State.valueOf(item.get(STATE).s()),
                                updatedAt(item))
                        .version(version(item));
        // Null checks rather than Optionals and method references: read on every redemption.
        String value;
        if ((value = text(item, BUYER_EMAIL)) != null) {
            gift.buyerEmail(value);
        }
        if ((value = text(item, RECIPIENT_EMAIL)) != null) {
            gift.recipientEmail(value);
        }
        if ((value = text(item, RECIPIENT_NAME)) != null) {
            gift.recipientName(value);
        }
        if ((value = text(item, MESSAGE)) != null) {
            gift.message(value);
        }
        if ((value = text(item, DELIVER_ON)) != null) {
            gift.deliverOn(LocalDate.parse(value));
        }
        if ((value = text(item, PURCHASED_AT)) != null) {
            gift.purchasedAt(Timestamps.parse(value));
        }
        if ((value = text(item, VALID_UNTIL)) != null) {
            gift.expiresAt(Timestamps.parse(value));
        }
        if ((value = text(item, CODE_HASH)) != null) {
            gift.codeHash(value);
        }
        if ((value = text(item, REDEEMED_BY)) != null) {
            gift.redeemedBy(value);
        }
        return gift.build();
    }

    /** The string attribute {@code name}; null when absent or not a string. */
    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    /**
     * The address items of {@code gift}: one per address it holds (the buyer's, the recipient's),
     * each carrying {@code email} so the MembersByEmail index finds the gift from either address.
     */
    static List<Map<String, AttributeValue>> addressItems(Gift gift) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        gift.buyerEmail()
                .ifPresent(a -> items.add(addressItem(gift.id(), GiftAddress.Role.BUYER, a)));
        gift.recipientEmail()
                .ifPresent(a -> items.add(addressItem(gift.id(), GiftAddress.Role.RECIPIENT, a)));
        return items;
    }

    static Map<String, AttributeValue> addressItem(
            String giftId, GiftAddress.Role role, String email) {
        Map<String, AttributeValue> item = new HashMap<>(giftAddressKey(giftId, role));
        item.put(EMAIL, AttributeValue.fromS(email));
        item.put(GIFT_ID, AttributeValue.fromS(giftId));
        item.put(ROLE, AttributeValue.fromS(role.name()));
        return item;
    }

    /** Whether {@code item} is a gift's address item (not a membership, which also has email). */
    static boolean isGiftAddress(Map<String, AttributeValue> item) {
        AttributeValue sk = item.get(SK);
        return sk != null && sk.s() != null && sk.s().startsWith(ADDRESS_SK_PREFIX);
    }

    /** The gift id and role of an address item. */
    static GiftAddress.Reference toGiftReference(Map<String, AttributeValue> item) {
        return new GiftAddress.Reference(
                item.get(GIFT_ID).s(), GiftAddress.Role.valueOf(item.get(ROLE).s()));
    }

    static Map<String, AttributeValue> toItem(GiftJob job) {
        return toItem(job, DUE_KEY_VALUE);
    }

    /** A job on one of the DueMail index's lists ({@code dueKey}). */
    static Map<String, AttributeValue> toItem(GiftJob job, String dueKey) {
        String kind = storedName(job.kind());
        Map<String, AttributeValue> item = item(giftPk(job.giftId()), jobSk(kind), 7);
        item.put(GIFT_ID, AttributeValue.fromS(job.giftId()));
        item.put(KIND, AttributeValue.fromS(kind));
        item.put(DUE_KEY, AttributeValue.fromS(dueKey));
        item.put(DUE_AT, AttributeValue.fromS(sortable(job.dueAt())));
        item.put(ATTEMPTS, AttributeValue.fromN(Integer.toString(job.attempts())));
        return item;
    }

    static GiftJob toGiftJob(Map<String, AttributeValue> item) {
        return new GiftJob(
                item.get(GIFT_ID).s(),
                kind(item.get(KIND).s()),
                Timestamps.parse(item.get(DUE_AT).s()),
                item.containsKey(ATTEMPTS) ? Integer.parseInt(item.get(ATTEMPTS).n()) : 0);
    }

    /** The kind's name in keys and items, fixed when the table was designed. */
    public static String storedName(GiftJob.Kind kind) {
        return switch (kind) {
            case RECIPIENT_MAIL -> "RECIPIENT";
            case RECEIPT_MAIL -> "RECEIPT";
            case MEMBERSHIP_END -> "MEMBERSHIP_END";
            case ADDRESS_REQUEST -> "ADDRESS_REQUEST";
        };
    }

    /** The kind stored as {@code storedName}, for the operator's commands. */
    public static GiftJob.Kind kind(String storedName) {
        return switch (storedName) {
            case "RECIPIENT" -> GiftJob.Kind.RECIPIENT_MAIL;
            case "RECEIPT" -> GiftJob.Kind.RECEIPT_MAIL;
            case "MEMBERSHIP_END" -> GiftJob.Kind.MEMBERSHIP_END;
            case "ADDRESS_REQUEST" -> GiftJob.Kind.ADDRESS_REQUEST;
            default -> throw new IllegalArgumentException("Unknown gift job kind " + storedName);
        };
    }

    /** Whole seconds, always the same length, so the strings sort in time order. */
    public static String sortable(Instant instant) {
        return Timestamps.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Members and gifts carry the time of their last change and their optimistic version. */
    private static void putUpdatedAtAndVersion(
            Map<String, AttributeValue> item, Instant updatedAt, long version) {
        item.put(UPDATED_AT, updatedAtValue(updatedAt));
        item.put(VERSION, AttributeValue.fromN(Long.toString(version)));
    }

    /** An item's update time as stored. */
    static AttributeValue updatedAtValue(Instant updatedAt) {
        return AttributeValue.fromS(Timestamps.format(updatedAt));
    }

    private static Instant updatedAt(Map<String, AttributeValue> item) {
        return Timestamps.parse(item.get(UPDATED_AT).s());
    }

    private static long version(Map<String, AttributeValue> item) {
        return Long.parseLong(item.get(VERSION).n());
    }

    /** The id in a partition key made of {@code prefix} and the id. */
    private static String idAfter(String prefix, Map<String, AttributeValue> item) {
        return item.get(PK).s().substring(prefix.length());
    }

    private static Optional<String> string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? Optional.empty() : Optional.of(value.s());
    }
}
