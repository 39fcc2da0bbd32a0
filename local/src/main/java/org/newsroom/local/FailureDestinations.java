package org.newsroom.local;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which queue receives which function's failures, as template.yaml declares it: an {@code
 * EventInvokeConfig} on-failure destination (asynchronous invocations), an event's {@code
 * DestinationConfig.OnFailure} (stream and queue mappings) or a classic {@code DeadLetterQueue}.
 * Used by the redrive to find the function of a queue, and by the template test to check that no
 * asynchronous function drops its failures.
 */
public final class FailureDestinations {

    private FailureDestinations() {}

    /** Queue logical id to the logical id of the function whose failures it receives. */
    public static Map<String, String> byQueue(Template template) {
        Map<String, String> queues = new LinkedHashMap<>();
        template.resourcesOfType("AWS::Serverless::Function")
                .forEach(
                        (function, resource) -> {
                            Map<String, Object> props = Template.map(resource.get("Properties"));
                            onFailureQueue(Template.map(props.get("EventInvokeConfig")))
                                    .ifPresent(q -> queues.put(q, function));
                            Template.map(props.get("Events"))
                                    .values()
                                    .forEach(
                                            event ->
                                                    onFailureQueue(
                                                                    Template.map(
                                                                            Template.map(event)
                                                                                    .get(
                                                                                            "Properties")))
                                                            .ifPresent(
                                                                    q -> queues.put(q, function)));
                            Map<String, Object> dlq = Template.map(props.get("DeadLetterQueue"));
                            if ("SQS".equals(dlq.get("Type"))) {
                                queueOf(dlq.get("TargetArn"))
                                        .ifPresent(q -> queues.put(q, function));
                            }
                        });
        return queues;
    }

    /**
     * The queue a {@code DestinationConfig.OnFailure} of SQS type names with {@code !GetAtt
     * Queue.Arn}.
     */
    static Optional<String> onFailureQueue(Map<String, Object> withDestinationConfig) {
        Map<String, Object> onFailure =
                Template.map(
                        Template.map(withDestinationConfig.get("DestinationConfig"))
                                .get("OnFailure"));
        if (!"SQS".equals(onFailure.get("Type"))) {
            return Optional.empty();
        }
        return queueOf(onFailure.get("Destination"));
    }

    private static Optional<String> queueOf(Object arn) {
        Object getAtt = Template.map(arn).get("Fn::GetAtt");
        if (getAtt instanceof java.util.List<?> parts
                && parts.size() == 2
                && "Arn".equals(parts.get(1))) {
            return Optional.of(String.valueOf(parts.get(0)));
        }
        return Optional.empty();
    }
}
