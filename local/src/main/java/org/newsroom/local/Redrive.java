package org.newsroom.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.newsroom.core.json.ArrayNode;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.core.json.ObjectNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@code make redrive QUEUE=...}: replays a dead-letter or failure queue through its function, then
 * deletes each message whose replay succeeded. A message that fails again, or cannot be replayed,
 * stays in the queue (it is visible again after 60 s) and is reported.
 *
 * <ul>
 *   <li>An asynchronous invocation's failure record: the function is invoked with its {@code
 *       requestPayload}, the original event.
 *   <li>A stream batch's failure record: the records it points at are read again from the stream
 *       and the function is invoked with them, as the event source mapping would; when the stream
 *       no longer has them (24 h retention) it says what to do instead.
 * </ul>
 *
 * Locally (default) it works against the emulator at {@code AWS_ENDPOINT_URL}
 * (http://127.0.0.1:4566) and runs the function's handler in this JVM, with the environment the
 * template gives it; with {@code --aws} it uses the shell's AWS settings and Lambda's Invoke API.
 */
public final class Redrive {

    /**
     * Runs a function on one event; returns when it succeeded, throws {@link ReplayFailedException}
     * when not.
     */
    public interface Invoker {
        void invoke(String function, String eventJson);
    }

    /**
     * The function failed again (its error type only: never its message, which may hold personal
     * data).
     */
    public static final class ReplayFailedException extends RuntimeException {
        public ReplayFailedException(String message) {
            super(message);
        }
    }

    /** What one pass over the queue did. */
    public record Result(int replayed, int failed, int notReplayable) {}

    private static final int VISIBILITY_SECONDS = 60;

    private final SqsClient sqs;
    private final DynamoDbStreamsClient streams;
    private final Invoker invoker;
    private final Optional<String> queueFunction;
    private final PrintStream out;

    /**
     * @param queueFunction the function that owns the queue when known (locally, from the
     *     template); otherwise each record's {@code functionArn} names it
     */
    public Redrive(
            SqsClient sqs,
            DynamoDbStreamsClient streams,
            Invoker invoker,
            Optional<String> queueFunction,
            PrintStream out) {
        this.sqs = sqs;
        this.streams = streams;
        this.invoker = invoker;
        this.queueFunction = queueFunction;
        this.out = out;
    }

    /** One pass: every message visible now is handled once (a message seen again ends the pass). */
    public Result run(String queueUrl) {
        int replayed = 0;
        int failed = 0;
        int notReplayable = 0;
        Set<String> seen = new HashSet<>();
        while (true) {
            List<Message> messages =
                    sqs.receiveMessage(
                                    b ->
                                            b.queueUrl(queueUrl)
                                                    .maxNumberOfMessages(10)
                                                    .visibilityTimeout(VISIBILITY_SECONDS)
                                                    .waitTimeSeconds(0))
                            .messages();
            List<Message> fresh = messages.stream().filter(m -> seen.add(m.messageId())).toList();
            if (fresh.isEmpty()) {
                break;
            }
            for (Message message : fresh) {
                switch (replay(message)) {
                    case REPLAYED -> {
                        sqs.deleteMessage(
                                b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                        replayed++;
                    }
                    case FAILED -> failed++;
                    case NOT_REPLAYABLE -> notReplayable++;
                }
            }
        }
        out.printf(
                "redrive: %d replayed and deleted, %d failed again, %d not replayable (both kept in the queue)%n",
                replayed, failed, notReplayable);
        return new Result(replayed, failed, notReplayable);
    }

    private enum Outcome {
        REPLAYED,
        FAILED,
        NOT_REPLAYABLE
    }

    private Outcome replay(Message message) {
        String id = message.messageId();
        FailureRecord record;
        try {
            record = FailureRecord.parse(message.body());
        } catch (IllegalArgumentException e) {
            out.println("redrive: message " + id + ": " + e.getMessage());
            return Outcome.NOT_REPLAYABLE;
        }
        Optional<String> function = queueFunction.or(record::functionArn);
        if (function.isEmpty()) {
            out.println(
                    "redrive: message "
                            + id
                            + " does not name its function; pass FUNCTION=<name or ARN>");
            return Outcome.NOT_REPLAYABLE;
        }
        String event;
        if (record instanceof FailureRecord.StreamBatch batch) {
            List<Record> records = readBatch(batch);
            if (records.isEmpty()) {
                out.println(
                        "redrive: message "
                                + id
                                + " ("
                                + batch.condition()
                                + "): "
                                + streamGone(batch));
                return Outcome.NOT_REPLAYABLE;
            }
            event = streamEvent(batch.streamArn(), records);
        } else if (record instanceof FailureRecord.AsyncInvocation async) {
            event = async.payloadJson();
        } else {
            event = ((FailureRecord.RawEvent) record).eventJson();
        }
        try {
            invoker.invoke(function.get(), event);
            out.println("redrive: message " + id + " replayed through " + function.get());
            return Outcome.REPLAYED;
        } catch (RuntimeException e) {
            out.println(
                    "redrive: message "
                            + id
                            + " failed again in "
                            + function.get()
                            + ": "
                            + (e instanceof ReplayFailedException
                                    ? e.getMessage()
                                    : e.getClass().getSimpleName()));
            return Outcome.FAILED;
        }
    }

    /**
     * The records of the batch's range still in the stream; empty when the stream no longer has
     * them.
     */
    List<Record> readBatch(FailureRecord.StreamBatch batch) {
        List<Record> found = new ArrayList<>();
        String iterator;
        try {
            iterator =
                    streams.getShardIterator(
                                    b ->
                                            b.streamArn(batch.streamArn())
                                                    .shardId(batch.shardId())
                                                    .shardIteratorType(
                                                            ShardIteratorType.AT_SEQUENCE_NUMBER)
                                                    .sequenceNumber(batch.startSequenceNumber()))
                            .shardIterator();
        } catch (TrimmedDataAccessException | ResourceNotFoundException e) {
            return found;
        }
        // An open shard answers empty pages at its tip forever: stop after a bounded number of
        // reads.
        for (int reads = 0; iterator != null && reads < 100; reads++) {
            String current = iterator;
            GetRecordsResponse response;
            try {
                response = streams.getRecords(b -> b.shardIterator(current).limit(1000));
            } catch (TrimmedDataAccessException | ResourceNotFoundException e) {
                return found;
            }
            for (Record record : response.records()) {
                String sequence = record.dynamodb().sequenceNumber();
                if (batch.isAfter(sequence)) {
                    return found;
                }
                if (batch.covers(sequence)) {
                    found.add(record);
                }
            }
            if (response.records().isEmpty() && !found.isEmpty()) {
                return found;
            }
            iterator = response.nextShardIterator();
        }
        return found;
    }

    /**
     * What the operator does when the stream has dropped the records (the table still has the
     * requests).
     */
    static String streamGone(FailureRecord.StreamBatch batch) {
        return "the stream no longer holds records "
                + batch.startSequenceNumber()
                + ".."
                + batch.endSequenceNumber()
                + " of shard "
                + batch.shardId()
                + " (a stream keeps records 24 hours). For the confirmation mailer,"
                + " the requests are still in the subscriptions table: items whose sk begins with CONFIRM# and that have"
                + " no sentAt were never sent. List them with\n"
                + "  aws dynamodb scan --table-name <SubscriptionsTableName output> --projection-expression 'pk, sk'"
                + " --filter-expression 'begins_with(sk, :c) AND attribute_not_exists(sentAt)'"
                + " --expression-attribute-values '{\":c\":{\"S\":\"CONFIRM#\"}}'\n"
                + "  Writing one again as a new item (delete it, then put it back) makes the mailer send it; a reader"
                + " can also simply sign up again. Then delete this message (or purge the queue).";
    }

    /** The event Lambda delivers for stream records (the JSON shape of {@code DynamodbEvent}). */
    static String streamEvent(String streamArn, List<Record> records) {
        ObjectNode root = Json.object();
        ArrayNode list = root.putArray("Records");
        for (Record record : records) {
            ObjectNode item = list.addObject();
            item.put("eventID", record.eventID());
            item.put("eventName", record.eventNameAsString());
            item.put("eventVersion", record.eventVersion());
            item.put("eventSource", "aws:dynamodb");
            item.put("awsRegion", record.awsRegion());
            item.put("eventSourceARN", streamArn);
            var source = record.dynamodb();
            ObjectNode dynamodb = item.putObject("dynamodb");
            if (source.approximateCreationDateTime() != null) {
                dynamodb.put(
                        "ApproximateCreationDateTime",
                        source.approximateCreationDateTime().getEpochSecond());
            }
            dynamodb.set("Keys", image(source.keys()));
            if (source.hasNewImage()) {
                dynamodb.set("NewImage", image(source.newImage()));
            }
            if (source.hasOldImage()) {
                dynamodb.set("OldImage", image(source.oldImage()));
            }
            dynamodb.put("SequenceNumber", source.sequenceNumber());
            if (source.sizeBytes() != null) {
                dynamodb.put("SizeBytes", source.sizeBytes());
            }
            if (source.streamViewTypeAsString() != null) {
                dynamodb.put("StreamViewType", source.streamViewTypeAsString());
            }
        }
        return root.toString();
    }

    private static ObjectNode image(Map<String, AttributeValue> item) {
        ObjectNode node = Json.object();
        item.forEach((name, value) -> node.set(name, attribute(value)));
        return node;
    }

    private static JsonNode attribute(AttributeValue value) {
        ObjectNode node = Json.object();
        Base64.Encoder base64 = Base64.getEncoder();
        switch (value.type()) {
            case S -> node.put("S", value.s());
            case N -> node.put("N", value.n());
            case B -> node.put("B", base64.encodeToString(value.b().asByteArray()));
            case SS -> value.ss().forEach(node.putArray("SS")::add);
            case NS -> value.ns().forEach(node.putArray("NS")::add);
            case BS -> {
                ArrayNode list = node.putArray("BS");
                value.bs().forEach(b -> list.add(base64.encodeToString(b.asByteArray())));
            }
            case M -> node.set("M", image(value.m()));
            case L -> {
                ArrayNode list = node.putArray("L");
                value.l().forEach(v -> list.add(attribute(v)));
            }
            case NUL -> node.put("NULL", true);
            case BOOL -> node.put("BOOL", value.bool());
            default -> throw new IllegalArgumentException("Unknown attribute type " + value.type());
        }
        return node;
    }

    /**
     * Runs handlers constructed in this JVM, binding the event JSON as the Lambda runtime would.
     */
    public static Invoker inProcess(java.util.function.Function<String, Object> handlers) {
        return (function, eventJson) -> {
            Object handler = handlers.apply(function);
            if (handler == null) {
                throw new ReplayFailedException("no local function " + function);
            }
            Object result = invokeHandler(function, handler, eventJson);
            if (result instanceof StreamsEventResponse response
                    && response.getBatchItemFailures() != null
                    && !response.getBatchItemFailures().isEmpty()) {
                throw new ReplayFailedException(
                        response.getBatchItemFailures().size() + " record(s) reported as failed");
            }
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object invokeHandler(String function, Object handler, String eventJson) {
        Class<?> type = ScheduleRunner.inputType(handler);
        Object input;
        if (type.getName().startsWith("com.amazonaws.services.lambda.runtime.events.")) {
            input =
                    LambdaEventSerializers.serializerFor(type, type.getClassLoader())
                            .fromJson(
                                    new ByteArrayInputStream(
                                            eventJson.getBytes(StandardCharsets.UTF_8)));
        } else {
            input = type.cast(Json.parse(eventJson).toPlain());
        }
        return ((RequestHandler) handler).handleRequest(input, new LocalContext(function, 15));
    }

    /** Lambda's Invoke (request-response), so the function's own error decides. */
    static Invoker lambda(LambdaClient lambda) {
        return (function, eventJson) -> {
            InvokeResponse response =
                    lambda.invoke(
                            b ->
                                    b.functionName(function)
                                            .payload(SdkBytes.fromUtf8String(eventJson)));
            JsonNode payload =
                    response.payload() == null
                            ? Json.object()
                            : parseOrEmpty(response.payload().asUtf8String());
            if (response.functionError() != null) {
                throw new ReplayFailedException(
                        response.functionError() + " " + payload.path("errorType").asText(""));
            }
            JsonNode failures = payload.path("batchItemFailures");
            if (failures.isArray() && !failures.isEmpty()) {
                throw new ReplayFailedException(failures.size() + " record(s) reported as failed");
            }
        };
    }

    private static JsonNode parseOrEmpty(String text) {
        try {
            JsonNode node = Json.parse(text);
            return node == null ? Json.object() : node;
        } catch (RuntimeException e) {
            return Json.object();
        }
    }

    /** {@code Redrive <queue logical id or URL> [--aws] [--function <name or ARN>]} */
    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println(
                    "usage: make redrive QUEUE=<queue logical id or URL> [ON=aws] [FUNCTION=<name or ARN>]");
            System.exit(2);
        }
        String queue = args[0];
        boolean aws = List.of(args).contains("--aws");
        int at = List.of(args).indexOf("--function");
        Optional<String> function =
                at > 0 && at + 1 < args.length && !args[at + 1].isBlank()
                        ? Optional.of(args[at + 1])
                        : Optional.empty();
        Result result;
        try {
            result = aws ? onAws(queue, function) : locally(queue, function);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            System.err.println(
                    "redrive: "
                            + e.getMessage()
                            + (aws ? "" : "\n(is the local stack running? make run)"));
            System.exit(1);
            return;
        }
        System.exit(result.failed() + result.notReplayable() == 0 ? 0 : 1);
    }

    private static Result onAws(String queue, Optional<String> function) {
        if (!queue.startsWith("https://")) {
            System.err.println(
                    "redrive: on AWS, QUEUE is the queue's URL (the stack's *DeadLetterQueueUrl outputs)");
            System.exit(2);
        }
        try (SqsClient sqs =
                        SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
                DynamoDbStreamsClient streams =
                        DynamoDbStreamsClient.builder()
                                .httpClient(UrlConnectionHttpClient.create())
                                .build();
                LambdaClient lambda =
                        LambdaClient.builder()
                                .httpClient(UrlConnectionHttpClient.create())
                                .build()) {
            return new Redrive(sqs, streams, lambda(lambda), function, System.out).run(queue);
        }
    }

    private static Result locally(String queue, Optional<String> function) {
        URI endpoint = Main.emulatorEndpoint();
        LocalStack.pointSdkAt(endpoint);
        Path root = Path.of(System.getProperty("newsroom.root", ".")).toAbsolutePath().normalize();
        StackModel model = StackModel.load(root, Main.localParameters());
        try (DynamoDbClient dynamo =
                        DynamoDbClient.builder()
                                .httpClient(UrlConnectionHttpClient.create())
                                .build();
                SqsClient sqs =
                        SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
                DynamoDbStreamsClient streams =
                        DynamoDbStreamsClient.builder()
                                .httpClient(UrlConnectionHttpClient.create())
                                .build()) {
            // The stack's resources already exist (make run made them): resolve, never create.
            Provisioner provisioner = new Provisioner(model, dynamo);
            String logicalId =
                    queue.contains("/") ? queue.substring(queue.lastIndexOf('/') + 1) : queue;
            String url =
                    queue.contains("/")
                            ? queue
                            : sqs.getQueueUrl(b -> b.queueName(logicalId)).queueUrl();
            Optional<String> owner =
                    function.or(
                            () ->
                                    Optional.ofNullable(
                                            FailureDestinations.byQueue(model.template())
                                                    .get(logicalId)));
            Map<String, FunctionSpec> functions =
                    model.functions(provisioner::ref, provisioner::attribute);
            Map<String, Object> handlers = new java.util.HashMap<>();
            java.util.function.Function<String, Object> handlerOf =
                    name -> {
                        String id = FailureRecord.functionName(name);
                        return functions.containsKey(id)
                                ? handlers.computeIfAbsent(
                                        id, i -> LocalStack.construct(functions.get(i)))
                                : null;
                    };
            System.out.println(
                    "redrive: "
                            + url
                            + (owner.isPresent() ? " through " + owner.get() : "")
                            + " (local emulator "
                            + endpoint
                            + ")");
            return new Redrive(sqs, streams, inProcess(handlerOf), owner, System.out).run(url);
        }
    }
}
