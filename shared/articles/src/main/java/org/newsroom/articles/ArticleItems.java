package org.newsroom.articles;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.newsroom.core.time.Timestamps;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The key layout of the articles table and the mapping between items and records, written out by
 * hand (no reflection: faster cold start, and the layout is visible in one place).
 *
 * <pre>
 * pk = "A#" + slug, sk = "ARTICLE"            the article itself
 * pk = "A#" + slug, sk = "L#" + listing key   one listing entry per listing it belongs to,
 *                                             carrying the summary attributes
 * pk = "A#" + slug, sk = "R#" + other slug    a reference: the other article lists this one among
 *                                             its stored related stories (so an edit of this one
 *                                             finds, with one Query, the articles to update)
 * index "Listing": listKey (hash), listSort = publishedAt + "#" + slug (range)
 * </pre>
 *
 * <p>The article item also holds {@code relatedStories}: the summaries of its related stories (a
 * list of maps with the summary attributes), chosen when it was saved.
 */
public final class ArticleItems {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String LIST_KEY = "listKey";
    public static final String LIST_SORT = "listSort";
    public static final String LISTING_INDEX = "Listing";

    static final String ARTICLE_SK = "ARTICLE";
    static final String LISTING_SK_PREFIX = "L#";

    /** The sort key prefix of a reference item (see the layout above). */
    public static final String REFERENCE_SK_PREFIX = "R#";

    /** The article item's sort key as an attribute, built once: attribute values are immutable. */
    private static final AttributeValue ARTICLE_SK_VALUE = AttributeValue.fromS(ARTICLE_SK);

    static final String SLUG = "slug";
    static final String HEADLINE = "headline";
    static final String SUMMARY = "summary";
    static final String BODY = "body";
    static final String AUTHORS = "authors";
    static final String SECTION = "section";
    static final String TAGS = "tags";
    static final String PUBLISHED_AT = "publishedAt";
    static final String UPDATED_AT = "updatedAt";
    static final String READING_TIME = "readingTimeMinutes";
    static final String AUDIO_URL = "audioUrl";
    static final String AUDIO_AI = "audioAiNarrated";
    static final String FEATURED = "featured";
    static final String RELATED = "related";
    static final String PUBLISHED = "published";
    static final String HAS_AUDIO = "hasAudio";
    static final String VERSION = "version";
    static final String RELATED_STORIES = "relatedStories";

    /**
     * On an article item: when a save last changed what the articles listing it show of it (its
     * summary, or its being published), or created it.
     */
    static final String SUMMARY_CHANGED_AT = "summaryChangedAt";

    /**
     * On an article item: true once every article listing it is known to show its current summary
     * ({@link ArticleRepository#listersVerified}); absent from a save that changed the summary
     * until then, and on items written before it existed.
     */
    static final String LISTERS_VERIFIED = "listersVerified";

    /** Attributes a summary needs, for projections. */
    static final List<String> SUMMARY_ATTRIBUTES =
            List.of(
                    SLUG,
                    HEADLINE,
                    SUMMARY,
                    AUTHORS,
                    SECTION,
                    TAGS,
                    PUBLISHED_AT,
                    READING_TIME,
                    FEATURED,
                    AUDIO_URL,
                    HAS_AUDIO,
                    PUBLISHED);

    /**
     * The summary projection with every name as a placeholder ({@code #a0, #a1, ...}): several of
     * them ("section", for one) are DynamoDB reserved words.
     */
    static final String SUMMARY_PROJECTION;

    static final Map<String, String> SUMMARY_PROJECTION_NAMES;

    /**
     * What a save reads of the article it replaces and of its editors' choices, in one projection:
     * the summary attributes (the listings an article is on, a chosen story's summary), the key,
     * the revision, the stored related stories, and when its summary last changed and whether the
     * articles that list it are known to show it. Placeholders as in {@link #SUMMARY_PROJECTION}.
     */
    static final String SAVE_PROJECTION;

    static final Map<String, String> SAVE_PROJECTION_NAMES;

    static {
        Map<String, String> names = projectionNames(SUMMARY_ATTRIBUTES);
        SUMMARY_PROJECTION = String.join(",", names.keySet());
        SUMMARY_PROJECTION_NAMES = Map.copyOf(names);
        List<String> saved = new ArrayList<>(SUMMARY_ATTRIBUTES);
        saved.addAll(List.of(PK, VERSION, RELATED_STORIES, SUMMARY_CHANGED_AT, LISTERS_VERIFIED));
        Map<String, String> savedNames = projectionNames(saved);
        SAVE_PROJECTION = String.join(",", savedNames.keySet());
        SAVE_PROJECTION_NAMES = Map.copyOf(savedNames);
    }

    private static Map<String, String> projectionNames(List<String> attributes) {
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < attributes.size(); i++) {
            names.put("#a" + i, attributes.get(i));
        }
        return names;
    }

    private ArticleItems() {}

    public static String pk(String slug) {
        return "A#" + slug;
    }

    /**
     * Publish times are stored to the second, so their text sorts like the instants. The second is
     * taken as {@code truncatedTo(SECONDS)} would (the fraction of a second is never negative) but
     * without its general arithmetic, which showed in every feed request's profile.
     */
    public static String timestamp(Instant instant) {
        return Timestamps.format(toSecond(instant));
    }

    /** {@code instant} to the second, as stored. */
    private static Instant toSecond(Instant instant) {
        return instant.getNano() == 0 ? instant : Instant.ofEpochSecond(instant.getEpochSecond());
    }

    public static String listSort(Instant publishedAt, String slug) {
        return timestamp(publishedAt) + "#" + slug;
    }

    static Map<String, AttributeValue> key(String slug) {
        return Map.of(PK, s(pk(slug)), SK, ARTICLE_SK_VALUE);
    }

    static Map<String, AttributeValue> listingKey(String slug, Listing listing) {
        return Map.of(PK, s(pk(slug)), SK, s(LISTING_SK_PREFIX + listing.key()));
    }

    /** The reference saying that {@code referencingSlug} lists {@code relatedSlug}. */
    static Map<String, AttributeValue> referenceKey(String relatedSlug, String referencingSlug) {
        return Map.of(PK, s(pk(relatedSlug)), SK, s(REFERENCE_SK_PREFIX + referencingSlug));
    }

    /** Every listing a published article appears on. */
    static Set<Listing> listingsOf(Article article) {
        return listings(article.published(), article.section(), article.tags(), article.featured());
    }

    /**
     * {@link #listingsOf(Article)} of a stored article item, read from its summary attributes only
     * (so from an item projected to them, as a save reads the article it replaces).
     */
    static Set<Listing> listingsOfItem(Map<String, AttributeValue> item) {
        if (!isPublished(item)) {
            return new LinkedHashSet<>();
        }
        return listings(true, item.get(SECTION).s(), strings(item, TAGS), bool(item, FEATURED));
    }

    /** The one rule: a published article is on the feed, its section, its tags and the picks. */
    private static Set<Listing> listings(
            boolean published, String section, List<String> tags, boolean featured) {
        Set<Listing> listings = new LinkedHashSet<>();
        if (!published) {
            return listings;
        }
        listings.add(Listing.ALL);
        listings.add(Listing.section(section));
        for (String tag : tags) {
            listings.add(Listing.tag(tag));
        }
        if (featured) {
            listings.add(Listing.FEATURED);
        }
        return listings;
    }

    /**
     * Whether a stored article item, published, shows {@code summary} as its related-story entry
     * would store it: the summary attributes read back as {@code summary} with its publish time to
     * the second, as stored. Read from the summary attributes only, so from an item projected as a
     * save reads it.
     */
    static boolean showsSummary(Map<String, AttributeValue> item, ArticleSummary summary) {
        return isPublished(item) && toSummary(item).equals(asStored(summary));
    }

    /**
     * {@code summary} as {@link #summaries} stores it and {@link #toSummary} reads it back: its
     * publish time to the second.
     */
    static ArticleSummary asStored(ArticleSummary summary) {
        Instant publishedAt = summary.publishedAt();
        if (publishedAt == null || publishedAt.getNano() == 0) {
            return summary;
        }
        return new ArticleSummary(
                summary.slug(),
                summary.headline(),
                summary.summary(),
                summary.authors(),
                summary.section(),
                summary.tags(),
                toSecond(publishedAt),
                summary.readingTimeMinutes(),
                summary.featured(),
                summary.hasAudio());
    }

    /** Whether the item says every article listing it shows its current summary. */
    static boolean listersVerified(Map<String, AttributeValue> item) {
        return bool(item, LISTERS_VERIFIED);
    }

    /** When the item's summary last changed; empty on items written before that was stored. */
    static Optional<Instant> summaryChangedAt(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(SUMMARY_CHANGED_AT);
        return value == null || value.s() == null
                ? Optional.empty()
                : Optional.of(Timestamps.parse(value.s()));
    }

    /**
     * Sets {@link #SUMMARY_CHANGED_AT} and, when verified, {@link #LISTERS_VERIFIED} on an item.
     */
    static void putListersState(
            Map<String, AttributeValue> item, Instant summaryChangedAt, boolean verified) {
        item.put(SUMMARY_CHANGED_AT, s(timestamp(summaryChangedAt)));
        if (verified) {
            item.put(LISTERS_VERIFIED, AttributeValue.fromBool(true));
        }
    }

    /** Whether an article item is published (not taken down by an editor). */
    static boolean isPublished(Map<String, AttributeValue> item) {
        return bool(item, PUBLISHED);
    }

    static Map<String, AttributeValue> toItem(
            Article article, List<ArticleSummary> relatedStories, long version) {
        Map<String, AttributeValue> item = new HashMap<>(key(article.slug()));
        item.put(RELATED_STORIES, summaries(relatedStories));
        putSummaryAttributes(item, article);
        item.put(BODY, s(article.body()));
        item.put(UPDATED_AT, s(timestamp(article.updatedAt())));
        article.audio()
                .ifPresent(
                        audio -> {
                            item.put(AUDIO_URL, s(audio.url()));
                            item.put(AUDIO_AI, AttributeValue.fromBool(audio.aiNarrated()));
                        });
        item.put(RELATED, list(article.related()));
        item.put(PUBLISHED, AttributeValue.fromBool(article.published()));
        item.put(VERSION, n(version));
        return item;
    }

    static Map<String, AttributeValue> toListingItem(Article article, Listing listing) {
        Map<String, AttributeValue> item = new HashMap<>(listingKey(article.slug(), listing));
        item.put(LIST_KEY, s(listing.key()));
        item.put(LIST_SORT, s(listSort(article.publishedAt(), article.slug())));
        putSummaryAttributes(item, article);
        item.put(HAS_AUDIO, AttributeValue.fromBool(article.audio().isPresent()));
        return item;
    }

    /**
     * What an article item and its listing entries both carry, so that {@link #toSummary} reads
     * either.
     */
    private static void putSummaryAttributes(Map<String, AttributeValue> item, Article article) {
        item.put(SLUG, s(article.slug()));
        item.put(HEADLINE, s(article.headline()));
        item.put(SUMMARY, s(article.summary()));
        item.put(AUTHORS, list(article.authors()));
        item.put(SECTION, s(article.section()));
        item.put(TAGS, list(article.tags()));
        item.put(PUBLISHED_AT, s(timestamp(article.publishedAt())));
        item.put(READING_TIME, n(article.readingTimeMinutes()));
        item.put(FEATURED, AttributeValue.fromBool(article.featured()));
    }

    /** The summaries as a list attribute, each a map read back by {@link #toSummary}. */
    static AttributeValue summaries(List<ArticleSummary> summaries) {
        List<AttributeValue> list = new ArrayList<>(summaries.size());
        for (ArticleSummary summary : summaries) {
            Map<String, AttributeValue> map = new HashMap<>();
            map.put(SLUG, s(summary.slug()));
            map.put(HEADLINE, s(summary.headline()));
            map.put(SUMMARY, s(summary.summary()));
            map.put(AUTHORS, list(summary.authors()));
            map.put(SECTION, s(summary.section()));
            map.put(TAGS, list(summary.tags()));
            map.put(PUBLISHED_AT, s(timestamp(summary.publishedAt())));
            map.put(READING_TIME, n(summary.readingTimeMinutes()));
            map.put(FEATURED, AttributeValue.fromBool(summary.featured()));
            map.put(HAS_AUDIO, AttributeValue.fromBool(summary.hasAudio()));
            list.add(AttributeValue.fromM(map));
        }
        return AttributeValue.fromL(list);
    }

    /** The stored related stories of an article item; none for items written before they were. */
    static List<ArticleSummary> relatedStories(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(RELATED_STORIES);
        if (value == null || !value.hasL()) {
            return List.of();
        }
        return value.l().stream().map(v -> toSummary(v.m())).toList();
    }

    /**
     * The slugs of an article item's stored related stories, in order, read without building their
     * summaries (a save only needs them to know which references to drop).
     */
    static List<String> relatedSlugs(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(RELATED_STORIES);
        if (value == null || !value.hasL()) {
            return List.of();
        }
        List<String> slugs = new ArrayList<>(value.l().size());
        for (AttributeValue story : value.l()) {
            slugs.add(story.m().get(SLUG).s());
        }
        return slugs;
    }

    /**
     * Whether the article item lists {@code story} among its related stories, and every entry under
     * that slug already reads back as exactly {@code story}: then a refresh with it would change
     * nothing. Only the entries under that slug are read into summaries; an item whose related
     * stories cannot be read that way answers false, and the caller takes the general path.
     */
    static boolean listsAsIs(Map<String, AttributeValue> item, ArticleSummary story) {
        AttributeValue value = item.get(RELATED_STORIES);
        if (value == null || !value.hasL()) {
            return false;
        }
        boolean listed = false;
        String publishedAt = null;
        for (AttributeValue entry : value.l()) {
            AttributeValue slug = entry.hasM() ? entry.m().get(SLUG) : null;
            if (slug == null || slug.s() == null) {
                return false;
            }
            if (slug.s().equals(story.slug())) {
                if (publishedAt == null && story.publishedAt() != null) {
                    publishedAt = Timestamps.format(story.publishedAt());
                }
                if (!storedAs(entry.m(), story, publishedAt)
                        && !toSummary(entry.m()).equals(story)) {
                    return false;
                }
                listed = true;
            }
        }
        return listed;
    }

    /**
     * Whether a stored summary holds exactly what {@link #summaries} writes for {@code story}, each
     * attribute compared as stored ({@code publishedAt}: {@code story}'s publish time as {@link
     * Timestamps#format} writes it), without reading it into a summary. True only when {@link
     * #toSummary} would read back {@code story}; false also when it might still (another text of
     * the same time or number), so the caller then compares the summary read.
     */
    private static boolean storedAs(
            Map<String, AttributeValue> entry, ArticleSummary story, String publishedAt) {
        boolean audio =
                entry.containsKey(HAS_AUDIO)
                        ? bool(entry, HAS_AUDIO)
                        : entry.containsKey(AUDIO_URL);
        return publishedAt != null
                && sameText(entry, HEADLINE, story.headline())
                && sameText(entry, SUMMARY, story.summary())
                && sameText(entry, SECTION, story.section())
                && sameText(entry, PUBLISHED_AT, publishedAt)
                && sameStrings(entry, AUTHORS, story.authors())
                && sameStrings(entry, TAGS, story.tags())
                && entry.get(READING_TIME) != null
                && Integer.toString(story.readingTimeMinutes()).equals(entry.get(READING_TIME).n())
                && bool(entry, FEATURED) == story.featured()
                && audio == story.hasAudio();
    }

    private static boolean sameText(Map<String, AttributeValue> item, String name, String text) {
        AttributeValue value = item.get(name);
        return value != null && Objects.equals(text, value.s());
    }

    /** As {@link #strings} reads the attribute, compared with {@code expected}. */
    private static boolean sameStrings(
            Map<String, AttributeValue> item, String name, List<String> expected) {
        AttributeValue value = item.get(name);
        if (value == null || !value.hasL()) {
            return expected.isEmpty();
        }
        List<AttributeValue> list = value.l();
        if (list.size() != expected.size()) {
            return false;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!expected.get(i).equals(list.get(i).s())) {
                return false;
            }
        }
        return true;
    }

    static StoredArticle toStored(Map<String, AttributeValue> item) {
        return new StoredArticle(toArticle(item), relatedStories(item), version(item));
    }

    static Article toArticle(Map<String, AttributeValue> item) {
        Optional<Audio> audio =
                item.containsKey(AUDIO_URL)
                        ? Optional.of(new Audio(item.get(AUDIO_URL).s(), bool(item, AUDIO_AI)))
                        : Optional.empty();
        return new Article(
                item.get(SLUG).s(),
                item.get(HEADLINE).s(),
                item.get(SUMMARY).s(),
                item.get(BODY).s(),
                strings(item, AUTHORS),
                item.get(SECTION).s(),
                strings(item, TAGS),
                Timestamps.parse(item.get(PUBLISHED_AT).s()),
                Timestamps.parse(item.get(UPDATED_AT).s()),
                Integer.parseInt(item.get(READING_TIME).n()),
                audio,
                bool(item, FEATURED),
                strings(item, RELATED),
                bool(item, PUBLISHED));
    }

    /** Reads a summary from an article item or a listing entry. */
    static ArticleSummary toSummary(Map<String, AttributeValue> item) {
        boolean hasAudio =
                item.containsKey(HAS_AUDIO) ? bool(item, HAS_AUDIO) : item.containsKey(AUDIO_URL);
        return new ArticleSummary(
                item.get(SLUG).s(),
                item.get(HEADLINE).s(),
                item.get(SUMMARY).s(),
                strings(item, AUTHORS),
                item.get(SECTION).s(),
                strings(item, TAGS),
                Timestamps.parse(item.get(PUBLISHED_AT).s()),
                Integer.parseInt(item.get(READING_TIME).n()),
                bool(item, FEATURED),
                hasAudio);
    }

    static long version(Map<String, AttributeValue> item) {
        AttributeValue v = item.get(VERSION);
        return v == null ? 0 : Long.parseLong(v.n());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static AttributeValue list(List<String> values) {
        List<AttributeValue> list = new ArrayList<>(values.size());
        values.forEach(v -> list.add(s(v)));
        return AttributeValue.fromL(list);
    }

    /**
     * A list of strings as {@link List#of} makes it, which the records' {@code List.copyOf} keeps
     * as it is (a stream's list would be copied again).
     */
    private static List<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || !value.hasL()) {
            return List.of();
        }
        List<AttributeValue> list = value.l();
        String[] strings = new String[list.size()];
        for (int i = 0; i < strings.length; i++) {
            strings[i] = list.get(i).s();
        }
        return List.of(strings);
    }

    private static boolean bool(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value != null && Boolean.TRUE.equals(value.bool());
    }
}
