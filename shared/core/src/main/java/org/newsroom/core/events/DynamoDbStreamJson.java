package org.newsroom.core.events;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Date;
import org.newsroom.core.json.ArrayNode;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.json.ObjectNode;

/**
 * The DynamoDB stream event and its partial-batch response as JSON, read and written with the
 * project's one Jackson mapper, so that a stream consumer's {@code (InputStream, OutputStream,
 * Context)} overload keeps Lambda from loading its own event serialiser (a shaded second Jackson
 * and joda-time). Reads what the runtime's serialiser reads (checked against it on every stream
 * sample in {@code events/}): {@code ApproximateCreationDateTime} in epoch seconds, binary
 * attributes in base64; fields DynamoDB may add later are ignored.
 */
public final class DynamoDbStreamJson {

    private DynamoDbStreamJson() {}

    public static DynamodbEvent read(InputStream in) throws IOException {
        JsonNode json = Json.read(in);
        DynamodbEvent event = new DynamodbEvent();
        if (json != null) {
            event.setRecords(Fields.list(json.get("Records"), DynamoDbStreamJson::record));
        }
        return event;
    }

    private static DynamodbEvent.DynamodbStreamRecord record(JsonNode json) {
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID(Fields.text(json, "eventID"));
        record.setEventName(Fields.text(json, "eventName"));
        record.setEventVersion(Fields.text(json, "eventVersion"));
        record.setEventSource(Fields.text(json, "eventSource"));
        record.setAwsRegion(Fields.text(json, "awsRegion"));
        record.setEventSourceARN(Fields.text(json, "eventSourceARN"));
        JsonNode dynamodb = Fields.object(json, "dynamodb");
        if (dynamodb != null) {
            record.setDynamodb(streamRecord(dynamodb));
        }
        JsonNode identity = Fields.object(json, "userIdentity");
        if (identity != null) {
            Identity user = new Identity();
            user.setPrincipalId(Fields.text(identity, "principalId"));
            user.setType(Fields.text(identity, "type"));
            record.setUserIdentity(user);
        }
        return record;
    }

    private static StreamRecord streamRecord(JsonNode json) {
        StreamRecord record = new StreamRecord();
        JsonNode created = json.get("ApproximateCreationDateTime");
        if (created != null && created.isNumber()) {
            record.setApproximateCreationDateTime(new Date(Math.round(created.asDouble() * 1000)));
        }
        record.setKeys(Fields.map(json.get("Keys"), DynamoDbStreamJson::attribute));
        record.setNewImage(Fields.map(json.get("NewImage"), DynamoDbStreamJson::attribute));
        record.setOldImage(Fields.map(json.get("OldImage"), DynamoDbStreamJson::attribute));
        record.setSequenceNumber(Fields.text(json, "SequenceNumber"));
        JsonNode size = json.get("SizeBytes");
        if (size != null && size.isNumber()) {
            record.setSizeBytes(size.asLong());
        }
        String viewType = Fields.text(json, "StreamViewType");
        if (viewType != null) {
            try {
                record.setStreamViewType(StreamViewType.fromValue(viewType));
            } catch (IllegalArgumentException e) {
                // A view type newer than the event library: no handler reads it.
            }
        }
        return record;
    }

    private static AttributeValue attribute(JsonNode json) {
        AttributeValue value = new AttributeValue();
        value.setS(Fields.text(json, "S"));
        value.setN(Fields.text(json, "N"));
        if (json.hasNonNull("B")) {
            value.setB(bytes(json.get("B")));
        }
        value.setSS(Fields.list(json.get("SS"), JsonNode::asText));
        value.setNS(Fields.list(json.get("NS"), JsonNode::asText));
        value.setBS(Fields.list(json.get("BS"), DynamoDbStreamJson::bytes));
        value.setM(Fields.map(json.get("M"), DynamoDbStreamJson::attribute));
        value.setL(Fields.list(json.get("L"), DynamoDbStreamJson::attribute));
        if (json.hasNonNull("NULL")) {
            value.setNULL(json.get("NULL").asBoolean());
        }
        if (json.hasNonNull("BOOL")) {
            value.setBOOL(json.get("BOOL").asBoolean());
        }
        return value;
    }

    private static ByteBuffer bytes(JsonNode json) {
        return ByteBuffer.wrap(Base64.getDecoder().decode(json.asText()));
    }

    /** Writes {@code {"batchItemFailures":[{"itemIdentifier":...}]}}, as the runtime would. */
    public static void write(StreamsEventResponse response, OutputStream out) throws IOException {
        ObjectNode json = Json.object();
        if (response.getBatchItemFailures() != null) {
            ArrayNode failures = json.putArray("batchItemFailures");
            for (StreamsEventResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
                failures.addObject().put("itemIdentifier", failure.getItemIdentifier());
            }
        }
        Json.write(json, out);
    }
}
