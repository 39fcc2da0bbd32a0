package org.newsroom.core.events;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Base64;
import org.newsroom.core.json.ArrayNode;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.json.ObjectNode;

/**
 * The SQS event and its partial-batch response as JSON, read and written with the project's one
 * Jackson mapper instead of Lambda's event serialiser (see {@link DynamoDbStreamJson}). Reads what
 * the runtime's serialiser reads (checked against it on every SQS sample in {@code events/});
 * fields SQS may add later are ignored.
 */
public final class SqsJson {

    private SqsJson() {}

    public static SQSEvent read(InputStream in) throws IOException {
        JsonNode json = Json.read(in);
        SQSEvent event = new SQSEvent();
        if (json != null) {
            event.setRecords(Fields.list(json.get("Records"), SqsJson::message));
        }
        return event;
    }

    private static SQSEvent.SQSMessage message(JsonNode json) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(Fields.text(json, "messageId"));
        message.setReceiptHandle(Fields.text(json, "receiptHandle"));
        message.setBody(Fields.text(json, "body"));
        message.setMd5OfBody(Fields.text(json, "md5OfBody"));
        message.setMd5OfMessageAttributes(Fields.text(json, "md5OfMessageAttributes"));
        message.setEventSourceArn(Fields.text(json, "eventSourceARN"));
        message.setEventSource(Fields.text(json, "eventSource"));
        message.setAwsRegion(Fields.text(json, "awsRegion"));
        message.setAttributes(Fields.map(json.get("attributes"), JsonNode::asText));
        message.setMessageAttributes(Fields.map(json.get("messageAttributes"), SqsJson::attribute));
        return message;
    }

    private static SQSEvent.MessageAttribute attribute(JsonNode json) {
        SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
        attribute.setStringValue(Fields.text(json, "stringValue"));
        if (json.hasNonNull("binaryValue")) {
            attribute.setBinaryValue(bytes(json.get("binaryValue")));
        }
        attribute.setStringListValues(Fields.list(json.get("stringListValues"), JsonNode::asText));
        attribute.setBinaryListValues(Fields.list(json.get("binaryListValues"), SqsJson::bytes));
        attribute.setDataType(Fields.text(json, "dataType"));
        return attribute;
    }

    private static ByteBuffer bytes(JsonNode json) {
        return ByteBuffer.wrap(Base64.getDecoder().decode(json.asText()));
    }

    /** Writes {@code {"batchItemFailures":[{"itemIdentifier":...}]}}, as the runtime would. */
    public static void write(SQSBatchResponse response, OutputStream out) throws IOException {
        ObjectNode json = Json.object();
        if (response.getBatchItemFailures() != null) {
            ArrayNode failures = json.putArray("batchItemFailures");
            for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
                failures.addObject().put("itemIdentifier", failure.getItemIdentifier());
            }
        }
        Json.write(json, out);
    }
}
