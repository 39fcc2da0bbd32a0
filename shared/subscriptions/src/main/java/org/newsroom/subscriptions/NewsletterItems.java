package org.newsroom.subscriptions;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Item layout of the newsletters (catalogue) table: every newsletter lives in one partition ({@code
 * pk = "CATALOGUE"}, {@code sk = id}) so the whole catalogue is one Query, never a Scan.
 */
public final class NewsletterItems {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String NAME = "name";
    public static final String DESCRIPTION = "description";
    public static final String CADENCE = "cadence";
    public static final String DEFAULT = "isDefault";
    public static final String POSITION = "position";
    public static final String CATALOGUE = "CATALOGUE";

    private NewsletterItems() {}

    public static Map<String, AttributeValue> toItem(Newsletter newsletter) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(PK, AttributeValue.fromS(CATALOGUE));
        item.put(SK, AttributeValue.fromS(newsletter.id()));
        item.put(NAME, AttributeValue.fromS(newsletter.name()));
        item.put(DESCRIPTION, AttributeValue.fromS(newsletter.description()));
        item.put(CADENCE, AttributeValue.fromS(newsletter.cadence()));
        item.put(DEFAULT, AttributeValue.fromBool(newsletter.isDefault()));
        item.put(POSITION, AttributeValue.fromN(Integer.toString(newsletter.position())));
        return item;
    }

    public static Newsletter toNewsletter(Map<String, AttributeValue> item) {
        AttributeValue position = item.get(POSITION);
        AttributeValue isDefault = item.get(DEFAULT);
        return new Newsletter(
                item.get(SK).s(),
                text(item, NAME),
                text(item, DESCRIPTION),
                text(item, CADENCE),
                isDefault != null && Boolean.TRUE.equals(isDefault.bool()),
                position == null || position.n() == null ? 0 : Integer.parseInt(position.n()));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }
}
