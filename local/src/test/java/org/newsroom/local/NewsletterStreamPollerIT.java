package org.newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.local.it.LocalStackSupport;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The stream poller that runs the confirmation mailer locally, against a real stream of the
 * emulator: partial batch failures, retries, bisect and the dead-letter queue behave as the
 * template's event source mapping settings say.
 */
class NewsletterStreamPollerIT {

    @Test
    void
            poller_shouldRetryFromTheFailedRecord_bisect_andSendTheExhaustedRecordToTheDeadLetterQueue()
                    throws Exception {
        LocalStack stack = LocalStackSupport.stack();
        String table = "poller-it-" + UUID.randomUUID().toString().substring(0, 8);
        stack.dynamo()
                .createTable(
                        b ->
                                b.tableName(table)
                                        .billingMode("PAY_PER_REQUEST")
                                        .attributeDefinitions(
                                                AttributeDefinition.builder()
                                                        .attributeName("pk")
                                                        .attributeType("S")
                                                        .build())
                                        .keySchema(
                                                KeySchemaElement.builder()
                                                        .attributeName("pk")
                                                        .keyType("HASH")
                                                        .build())
                                        .streamSpecification(
                                                s ->
                                                        s.streamEnabled(true)
                                                                .streamViewType("NEW_IMAGE")));
        String streamArn =
                stack.dynamo().describeTable(b -> b.tableName(table)).table().latestStreamArn();
        for (String key : List.of("a", "flaky", "b", "poison", "c")) {
            stack.dynamo()
                    .putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(key))));
        }
        try (SqsClient sqs =
                        SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
                DynamoDbStreamsClient streams =
                        DynamoDbStreamsClient.builder()
                                .httpClient(UrlConnectionHttpClient.create())
                                .build()) {
            String queueName = table + "-dlq";
            String queueUrl = sqs.createQueue(b -> b.queueName(queueName)).queueUrl();
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            List<String> succeeded = Collections.synchronizedList(new ArrayList<>());
            RequestHandler<DynamodbEvent, StreamsEventResponse> handler =
                    (event, context) -> {
                        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
                            String key = record.getDynamodb().getKeys().get("pk").getS();
                            seen.add(key);
                            boolean fail =
                                    key.equals("poison")
                                            || (key.equals("flaky")
                                                    && Collections.frequency(seen, "flaky") == 1);
                            if (fail) {
                                return StreamsEventResponse.builder()
                                        .withBatchItemFailures(
                                                List.of(
                                                        StreamsEventResponse.BatchItemFailure
                                                                .builder()
                                                                .withItemIdentifier(
                                                                        record.getDynamodb()
                                                                                .getSequenceNumber())
                                                                .build()))
                                        .build();
                            }
                            succeeded.add(key);
                        }
                        return StreamsEventResponse.builder()
                                .withBatchItemFailures(List.of())
                                .build();
                    };
            StreamPoller.Settings settings =
                    new StreamPoller.Settings(
                            "PollerTestFunction",
                            streamArn,
                            ShardIteratorType.TRIM_HORIZON,
                            10,
                            true,
                            true,
                            2,
                            Duration.ofHours(1));
            List<String> deadLetters = Collections.synchronizedList(new ArrayList<>());
            StreamPoller poller =
                    new StreamPoller(
                            settings,
                            handler,
                            streams,
                            record -> {
                                deadLetters.add(record);
                                sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(record));
                            });
            poller.start();
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while ((deadLetters.isEmpty() || !succeeded.contains("c"))
                        && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
            } finally {
                poller.close();
            }
            assertTrue(
                    succeeded.containsAll(List.of("a", "flaky", "b", "c")),
                    "every good record was delivered: " + succeeded);
            assertEquals(
                    1,
                    Collections.frequency(seen, "a"),
                    "records before the failure are not redelivered: " + seen);
            assertTrue(
                    Collections.frequency(seen, "poison") >= 2,
                    "the failing record was retried: " + seen);
            assertTrue(!succeeded.contains("poison"));
            assertEquals(1, deadLetters.size());
            List<Message> messages =
                    sqs.receiveMessage(
                                    b ->
                                            b.queueUrl(queueUrl)
                                                    .maxNumberOfMessages(10)
                                                    .waitTimeSeconds(1))
                            .messages();
            if (messages.isEmpty()) {
                fail("nothing in the dead-letter queue");
            }
            JsonNode failure = Json.parse(messages.get(0).body());
            assertEquals(
                    "RetryAttemptsExhausted",
                    failure.path("requestContext").path("condition").asText());
            assertEquals(
                    1,
                    failure.path("DDBStreamBatchInfo").path("batchSize").asInt(),
                    "bisect isolated the failing record");
            assertEquals(
                    3,
                    failure.path("requestContext").path("approximateInvokeCount").asInt(),
                    "MaximumRetryAttempts 2");
            assertEquals(streamArn, failure.path("DDBStreamBatchInfo").path("streamArn").asText());
            assertTrue(
                    messages.get(0).body().indexOf("poison") < 0,
                    "metadata only, never the record itself");
        }
    }

    @Test
    void settings_shouldComeFromTheTemplatesEventProperties() {
        LocalStack stack = LocalStackSupport.stack();
        Map<String, Object> props =
                stack.functions()
                        .get("ConfirmationMailerFunction")
                        .eventsOfType("DynamoDB")
                        .get("SignupStream");
        StreamPoller.Settings settings =
                StreamPoller.Settings.from("ConfirmationMailerFunction", props);
        assertEquals(ShardIteratorType.TRIM_HORIZON, settings.startingPosition());
        assertTrue(settings.reportItemFailures());
        assertTrue(settings.bisect());
        assertEquals(200, settings.maxRetries());
        assertEquals(Duration.ofMinutes(90), settings.maxRecordAge());
        assertEquals(10, settings.batchSize());
    }
}
