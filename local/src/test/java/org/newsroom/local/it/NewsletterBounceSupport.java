package org.newsroom.local.it;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import java.util.List;
import java.util.UUID;

/** Delivers an SES bounce or complaint to the bounce function as SNS would. */
final class NewsletterBounceSupport {

    private NewsletterBounceSupport() {}

    static void bounce(String address, String bounceType) {
        deliver(
                "{\"eventType\":\"Bounce\",\"bounce\":{\"bounceType\":\""
                        + bounceType
                        + "\",\"bounceSubType\":\"General\","
                        + "\"bouncedRecipients\":[{\"emailAddress\":\""
                        + address
                        + "\"}]},\"mail\":{\"destination\":[\""
                        + address
                        + "\"]}}");
    }

    static void complaint(String address) {
        deliver(
                "{\"eventType\":\"Complaint\",\"complaint\":{\"complainedRecipients\":[{\"emailAddress\":\""
                        + address
                        + "\"}],"
                        + "\"complaintFeedbackType\":\"abuse\"},\"mail\":{\"destination\":[\""
                        + address
                        + "\"]}}");
    }

    @SuppressWarnings("unchecked")
    static void deliver(String message) {
        SNSEvent.SNS sns = new SNSEvent.SNS();
        sns.setMessageId(UUID.randomUUID().toString());
        sns.setType("Notification");
        sns.setTopicArn("arn:aws:sns:us-east-1:123456789012:EmailFeedbackTopic");
        sns.setMessage(message);
        SNSEvent.SNSRecord record = new SNSEvent.SNSRecord();
        record.setEventSource("aws:sns");
        record.setSns(sns);
        SNSEvent event = new SNSEvent();
        event.setRecords(List.of(record));
        ((RequestHandler<SNSEvent, String>)
                        NewsletterSupport.stack().handler("BounceHandlerFunction"))
                .handleRequest(event, null);
    }
}
