package org.newsroom.core.events;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import java.io.IOException;
import java.io.InputStream;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;

/**
 * The SNS event as JSON, read with the project's one Jackson mapper instead of Lambda's event
 * serialiser (see {@link DynamoDbStreamJson}). Reads what the runtime's serialiser reads (checked
 * against it on every SNS sample in {@code events/}) except {@code Timestamp}, which is left unset:
 * the event library types it as a joda-time {@code DateTime}, and reading it would load joda-time
 * for a value no handler uses.
 */
public final class SnsJson {

    private SnsJson() {}

    public static SNSEvent read(InputStream in) throws IOException {
        JsonNode json = Json.read(in);
        SNSEvent event = new SNSEvent();
        if (json != null) {
            event.setRecords(Fields.list(json.get("Records"), SnsJson::record));
        }
        return event;
    }

    private static SNSEvent.SNSRecord record(JsonNode json) {
        SNSEvent.SNSRecord record = new SNSEvent.SNSRecord();
        record.setEventSource(Fields.text(json, "EventSource"));
        record.setEventVersion(Fields.text(json, "EventVersion"));
        record.setEventSubscriptionArn(Fields.text(json, "EventSubscriptionArn"));
        JsonNode sns = Fields.object(json, "Sns");
        if (sns != null) {
            record.setSns(notification(sns));
        }
        return record;
    }

    private static SNSEvent.SNS notification(JsonNode json) {
        SNSEvent.SNS sns = new SNSEvent.SNS();
        sns.setType(Fields.text(json, "Type"));
        sns.setMessageId(Fields.text(json, "MessageId"));
        sns.setTopicArn(Fields.text(json, "TopicArn"));
        sns.setSubject(Fields.text(json, "Subject"));
        sns.setMessage(Fields.text(json, "Message"));
        sns.setSignatureVersion(Fields.text(json, "SignatureVersion"));
        sns.setSignature(Fields.text(json, "Signature"));
        sns.setSigningCertUrl(Fields.text(json, "SigningCertUrl"));
        sns.setUnsubscribeUrl(Fields.text(json, "UnsubscribeUrl"));
        sns.setMessageAttributes(Fields.map(json.get("MessageAttributes"), SnsJson::attribute));
        return sns;
    }

    private static SNSEvent.MessageAttribute attribute(JsonNode json) {
        SNSEvent.MessageAttribute attribute = new SNSEvent.MessageAttribute();
        attribute.setType(Fields.text(json, "Type"));
        attribute.setValue(Fields.text(json, "Value"));
        return attribute;
    }
}
