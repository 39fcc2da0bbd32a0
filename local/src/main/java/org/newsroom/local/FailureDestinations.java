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

    /**
     * How Lambda handles a failed asynchronous invocation of one function: the retries after the
     * first attempt, then the queue that receives the failure record (none: the event is dropped).
     */
    public record AsyncInvoke(int maximumRetryAttempts, Optional<String> queue) {

        /** Lambda's default when the template sets no {@code MaximumRetryAttempts}. */
        public static final int DEFAULT_RETRIES = 2;
    }

    /**
     * The function's {@code EventInvokeConfig} (its {@code MaximumRetryAttempts} and {@code
     * DestinationConfig.OnFailure}), or its classic {@code DeadLetterQueue} when it has no
     * on-failure destination.
     */
    public static AsyncInvoke asyncInvoke(Template template, String functionId) {
        Map<String, Object> props =
                Template.map(
                        Template.map(
                                        template.resourcesOfType("AWS::Serverless::Function")
                                                .get(functionId))
                                .get("Properties"));
        Map<String, Object> config = Template.map(props.get("EventInvokeConfig"));
        Object retries = config.get("MaximumRetryAttempts");
        Optional<String> queue = onFailureQueue(config);
        Map<String, Object> dlq = Template.map(props.get("DeadLetterQueue"));
        if (queue.isEmpty() && "SQS".equals(dlq.get("Type"))) {
            queue = queueOf(dlq.get("TargetArn"));
        }
        return new AsyncInvoke(
                retries == null
                        ? AsyncInvoke.DEFAULT_RETRIES
                        : Integer.parseInt(String.valueOf(retries)),
                queue);
    }

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
