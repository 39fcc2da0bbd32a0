package org.newsroom.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.newsroom.local.it.NewsletterSupport.*;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The confirmation mailer, fed by the local stream poller and invoked directly with replayed
 * records.
 */
class NewsletterMailerIT {

    @Test
    @SuppressWarnings("unchecked")
    void mailer_shouldSendOnce_whenTheSameInsertArrivesAgain_keyOnlyOrFull() {
        String address = uniqueAddress("replay");
        assertEquals(
                202,
                subscribeJson("{\"email\":\"" + address + "\",\"newsletters\":[\"city-hall\"]}")
                        .statusCode());
        awaitEmail(address);
        var request =
                items(address).stream()
                        .filter(i -> i.get("sk").s().startsWith("CONFIRM#"))
                        .findFirst()
                        .orElseThrow();
        assertTrue(request.containsKey("sentAt"), "marked sent");

        // As moto (and at-least-once delivery) can: the same INSERT twice, the first with only the
        // key.
        Map<String, AttributeValue> keys =
                Map.of(
                        "pk", new AttributeValue().withS(request.get("pk").s()),
                        "sk", new AttributeValue().withS(request.get("sk").s()));
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(
                List.of(
                        insert("900000000000000000001", keys),
                        insert("900000000000000000002", keys)));
        var mailer =
                (RequestHandler<DynamodbEvent, StreamsEventResponse>)
                        stack().handler("ConfirmationMailerFunction");
        StreamsEventResponse response = mailer.handleRequest(event, null);
        assertTrue(response.getBatchItemFailures().isEmpty());
        barrier();
        assertEquals(1, emailsTo(address).size());
    }

    private static DynamodbEvent.DynamodbStreamRecord insert(
            String sequence, Map<String, AttributeValue> keys) {
        StreamRecord stream = new StreamRecord();
        stream.setKeys(keys);
        stream.setNewImage(keys);
        stream.setSequenceNumber(sequence);
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName("INSERT");
        record.setEventID(sequence);
        record.setDynamodb(stream);
        return record;
    }
}
