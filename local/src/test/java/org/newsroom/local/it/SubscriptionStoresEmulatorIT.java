package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsroom.local.Emulator;
import org.newsroom.subscriptions.DynamoDbSendCap;
import org.newsroom.subscriptions.DynamoDbSubscriptionRepository;
import org.newsroom.subscriptions.MailingState;
import org.newsroom.subscriptions.SendCap;
import org.newsroom.subscriptions.Subscription;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The subscription stores' conditions as DynamoDB evaluates them (on the emulator), where the unit
 * tests can only check the requests: the send cap counts a new mailbox, an open window, a retry and
 * a new day as before its writes were reordered, and the mailer's one read of an address finds the
 * subscriptions and the suppression and nothing else.
 */
class SubscriptionStoresEmulatorIT {

    private static final Instant T0 = Instant.parse("2026-11-26T09:30:00Z");
    private static final SendCap.Rules RULES = new SendCap.Rules(Duration.ofMinutes(10), 3);

    private static Emulator emulator;
    private static DynamoDbClient dynamo;
    private static final AtomicInteger calls = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        emulator = EmulatorClients.start("emulator-stores");
        dynamo = EmulatorClients.counting(emulator.endpoint(), calls);
        dynamo.createTable(
                b ->
                        b.tableName("limits")
                                .billingMode(BillingMode.PAY_PER_REQUEST)
                                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                                .attributeDefinitions(
                                        a ->
                                                a.attributeName("pk")
                                                        .attributeType(ScalarAttributeType.S)));
        dynamo.createTable(EmulatorClients.keyedTable("subscriptions").build());
    }

    @AfterAll
    static void stop() throws Exception {
        EmulatorClients.close(dynamo, emulator);
    }

    @BeforeEach
    void resetCount() {
        calls.set(0);
    }

    private static DynamoDbSendCap cap() {
        return new DynamoDbSendCap(dynamo, "limits");
    }

    private static Map<String, AttributeValue> capItem(String mailbox) {
        return dynamo.getItem(
                        b ->
                                b.tableName("limits")
                                        .key(Map.of("pk", AttributeValue.fromS("CAP#" + mailbox)))
                                        .consistentRead(true))
                .item();
    }

    @Test
    void sendCap_shouldTakeANewMailbox_inOneWrite() {
        assertTrue(cap().tryAcquire("mailbox-new", "r1", RULES, T0));
        assertEquals(1, calls.get(), "one conditional write");
        Map<String, AttributeValue> item = capItem("mailbox-new");
        assertEquals("1", item.get("count").n());
        assertEquals(Long.toString(T0.getEpochSecond()), item.get("windowStart").n());
        assertEquals("r1", item.get("lastRequest").s());
    }

    @Test
    void sendCap_shouldCountAsBefore_throughAnOpenWindowARetryAndANewDay() {
        String mailbox = "mailbox-day";
        assertTrue(cap().tryAcquire(mailbox, "r1", RULES, T0));
        // Within the interval: another request waits, a retry of the one that took it passes.
        assertFalse(cap().tryAcquire(mailbox, "r2", RULES, T0.plusSeconds(60)));
        assertTrue(cap().tryAcquire(mailbox, "r1", RULES, T0.plusSeconds(60)));
        assertEquals("1", capItem(mailbox).get("count").n(), "a retry counts nothing");
        // After the interval, in the same day: counted in the open window.
        assertTrue(cap().tryAcquire(mailbox, "r2", RULES, T0.plusSeconds(11 * 60)));
        assertTrue(cap().tryAcquire(mailbox, "r3", RULES, T0.plusSeconds(22 * 60)));
        assertFalse(cap().tryAcquire(mailbox, "r4", RULES, T0.plusSeconds(33 * 60)), "three a day");
        Map<String, AttributeValue> full = capItem(mailbox);
        assertEquals("3", full.get("count").n());
        // A day later, the request that took the cap last retries: allowed, and nothing changes.
        Instant nextDay = T0.plus(Duration.ofHours(25));
        assertTrue(cap().tryAcquire(mailbox, "r3", RULES, nextDay));
        assertEquals(full, capItem(mailbox), "a late retry starts no window and counts nothing");
        // Another request then starts the new day's window.
        assertTrue(cap().tryAcquire(mailbox, "r5", RULES, nextDay));
        Map<String, AttributeValue> fresh = capItem(mailbox);
        assertEquals("1", fresh.get("count").n());
        assertEquals(Long.toString(nextDay.getEpochSecond()), fresh.get("windowStart").n());
        assertEquals("r5", fresh.get("lastRequest").s());
    }

    private static void put(String pk, String sk, Map<String, String> attributes) {
        Map<String, AttributeValue> item = new java.util.HashMap<>();
        item.put("pk", AttributeValue.fromS(pk));
        item.put("sk", AttributeValue.fromS(sk));
        attributes.forEach((k, v) -> item.put(k, AttributeValue.fromS(v)));
        dynamo.putItem(b -> b.tableName("subscriptions").item(item));
    }

    private static Map<String, String> subscription(String newsletter, String status) {
        return Map.of("address", "reader@example.org", "newsletter", newsletter, "status", status);
    }

    @Test
    void findMailingState_shouldFindTheSubscriptionsAndTheSuppression_inOneQuery() {
        put("addr-suppressed", "CONFIRM#r1", Map.of("newsletters", "daily-briefing"));
        put("addr-suppressed", "NL#daily-briefing", subscription("daily-briefing", "pending"));
        put("addr-suppressed", "SUPPRESSED", Map.of());
        put("addr-open", "CONFIRM#r2", Map.of("newsletters", "city-hall"));
        put("addr-open", "NL#city-hall", subscription("city-hall", "pending"));
        put("addr-open", "NL#daily-briefing", subscription("daily-briefing", "confirmed"));
        calls.set(0);

        MailingState suppressed =
                new DynamoDbSubscriptionRepository(dynamo, "subscriptions")
                        .findMailingState("addr-suppressed");
        MailingState open =
                new DynamoDbSubscriptionRepository(dynamo, "subscriptions")
                        .findMailingState("addr-open");

        assertEquals(2, calls.get(), "one call per address");
        assertTrue(suppressed.suppressed());
        assertEquals(
                List.of("daily-briefing"),
                suppressed.subscriptions().stream().map(Subscription::newsletter).toList());
        assertFalse(open.suppressed());
        assertEquals(
                List.of("city-hall", "daily-briefing"),
                open.subscriptions().stream().map(Subscription::newsletter).toList());
    }
}
