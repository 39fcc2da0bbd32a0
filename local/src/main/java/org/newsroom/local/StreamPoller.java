package org.newsroom.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.ObjectNode;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Emulates a Lambda event source mapping on a DynamoDB stream, from the template's event
 * properties: polls every shard, invokes the function with a {@link DynamodbEvent} of up to {@code
 * BatchSize} records, and on failure behaves as the mapping does: with {@code
 * ReportBatchItemFailures} it retries from the first reported record, with {@code
 * BisectBatchOnFunctionError} it splits a failing batch in halves, it gives up after {@code
 * MaximumRetryAttempts} or when a record is older than {@code MaximumRecordAgeInSeconds}, and sends
 * the batch's metadata (never its records) to the {@code OnFailure} destination. Backoff between
 * retries is short locally, so a retry is visible within a second or two. {@code FilterCriteria}
 * are not evaluated: handlers filter records themselves as well.
 */
final class StreamPoller implements LocalService {

    /** The settings of one mapping, as the template states them (resolved). */
    record Settings(
            String functionName,
            String streamArn,
            ShardIteratorType startingPosition,
            int batchSize,
            boolean reportItemFailures,
            boolean bisect,
            int maxRetries,
            Duration maxRecordAge) {

        @SuppressWarnings("unchecked")
        static Settings from(String functionName, Map<String, Object> props) {
            Object types = props.get("FunctionResponseTypes");
            boolean report =
                    types instanceof List<?> list && list.contains("ReportBatchItemFailures");
            int age = intValue(props.get("MaximumRecordAgeInSeconds"), -1);
            return new Settings(
                    functionName,
                    String.valueOf(props.get("Stream")),
                    ShardIteratorType.fromValue(
                            String.valueOf(props.getOrDefault("StartingPosition", "LATEST"))),
                    intValue(props.get("BatchSize"), 100),
                    report,
                    Boolean.parseBoolean(
                            String.valueOf(
                                    props.getOrDefault("BisectBatchOnFunctionError", "false"))),
                    intValue(props.get("MaximumRetryAttempts"), -1),
                    age < 0 ? Duration.ofDays(7) : Duration.ofSeconds(age));
        }

        private static int intValue(Object value, int fallback) {
            return value == null ? fallback : Integer.parseInt(String.valueOf(value));
        }
    }

    private final Settings settings;
    private final RequestHandler<DynamodbEvent, StreamsEventResponse> handler;
    private final DynamoDbStreamsClient streams;
    private final Consumer<String> onFailure;
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private volatile boolean running;
    private Thread thread;

    /**
     * @param onFailure receives the JSON failure record of a batch that exhausted its retries or
     *     aged out
     */
    StreamPoller(
            Settings settings,
            RequestHandler<DynamodbEvent, StreamsEventResponse> handler,
            DynamoDbStreamsClient streams,
            Consumer<String> onFailure) {
        this.settings = settings;
        this.handler = handler;
        this.streams = streams;
        this.onFailure = onFailure;
    }

    @Override
    public void start() {
        discoverShards();
        running = true;
        thread = new Thread(this::loop, "stream-" + settings.functionName());
        thread.setDaemon(true);
        thread.start();
    }

    private void discoverShards() {
        List<Shard> shards =
                streams.describeStream(b -> b.streamArn(settings.streamArn()))
                        .streamDescription()
                        .shards();
        for (Shard shard : shards) {
            if (!iterators.containsKey(shard.shardId())) {
                iterators.put(
                        shard.shardId(),
                        streams.getShardIterator(
                                        b ->
                                                b.streamArn(settings.streamArn())
                                                        .shardId(shard.shardId())
                                                        .shardIteratorType(
                                                                settings.startingPosition()))
                                .shardIterator());
            }
        }
    }

    private void loop() {
        // Idle polls back off to 500 ms: the emulator serves one request at a time, so a busy
        // poller would slow every other test and function down.
        long idle = 100;
        while (running) {
            boolean busy = false;
            try {
                for (Map.Entry<String, String> entry : new ArrayList<>(iterators.entrySet())) {
                    if (entry.getValue() == null) {
                        continue;
                    }
                    GetRecordsResponse response =
                            streams.getRecords(
                                    b ->
                                            b.shardIterator(entry.getValue())
                                                    .limit(settings.batchSize()));
                    iterators.put(entry.getKey(), response.nextShardIterator());
                    if (!response.records().isEmpty()) {
                        busy = true;
                        deliver(entry.getKey(), response.records());
                    }
                }
                if (iterators.values().stream().allMatch(java.util.Objects::isNull)) {
                    iterators.clear();
                    discoverShards();
                }
            } catch (SdkException e) {
                if (running) {
                    System.out.println(
                            "local: stream poller for "
                                    + settings.functionName()
                                    + ": "
                                    + e.getClass().getSimpleName());
                }
                Pause.quietly(1000);
            }
            if (busy) {
                idle = 100;
            } else {
                Pause.quietly(idle);
                idle = Math.min(500, idle * 2);
            }
        }
    }

    /** One batch through the function, with the mapping's retry, bisect, age and failure rules. */
    void deliver(String shardId, List<Record> records) {
        Deque<List<Record>> pending = new ArrayDeque<>();
        Deque<Integer> attemptsOf = new ArrayDeque<>();
        pending.push(records);
        attemptsOf.push(0);
        while (!pending.isEmpty() && running) {
            List<Record> batch = pending.pop();
            int attempts = attemptsOf.pop();
            Instant oldest = Instant.now().minus(settings.maxRecordAge());
            List<Record> aged = batch.stream().filter(r -> created(r).isBefore(oldest)).toList();
            if (!aged.isEmpty()) {
                onFailure.accept(failureRecord(shardId, aged, "RecordAgeExceeded", attempts));
                batch = batch.stream().filter(r -> !created(r).isBefore(oldest)).toList();
            }
            if (batch.isEmpty()) {
                continue;
            }
            int failedFrom = invoke(batch);
            if (failedFrom < 0) {
                continue;
            }
            List<Record> failed = batch.subList(failedFrom, batch.size());
            // Progress (records before the failure succeeded) restarts the count, so the record
            // that blocks the shard gets its full MaximumRetryAttempts.
            int next = failedFrom > 0 ? 1 : attempts + 1;
            if (settings.maxRetries() >= 0 && next > settings.maxRetries()) {
                onFailure.accept(failureRecord(shardId, failed, "RetryAttemptsExhausted", next));
                continue;
            }
            Pause.quietly(Math.min(100L * next, 1000L));
            if (settings.bisect() && failed.size() > 1) {
                int half = failed.size() / 2;
                pending.push(failed.subList(half, failed.size()));
                attemptsOf.push(next);
                pending.push(failed.subList(0, half));
                attemptsOf.push(next);
            } else {
                pending.push(failed);
                attemptsOf.push(next);
            }
        }
    }

    /** Index of the first record to retry, or -1 when the whole batch succeeded. */
    private int invoke(List<Record> batch) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(batch.stream().map(this::toLambda).toList());
        StreamsEventResponse response;
        try {
            response = handler.handleRequest(event, new LocalContext(settings.functionName(), 15));
        } catch (RuntimeException e) {
            System.out.println(
                    "local: "
                            + settings.functionName()
                            + " failed on a stream batch: "
                            + e.getClass().getSimpleName());
            return 0;
        }
        if (!settings.reportItemFailures()
                || response == null
                || response.getBatchItemFailures() == null
                || response.getBatchItemFailures().isEmpty()) {
            return -1;
        }
        int first = batch.size();
        for (StreamsEventResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            String id = failure.getItemIdentifier();
            int index = -1;
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i).dynamodb().sequenceNumber().equals(id)) {
                    index = i;
                }
            }
            // An unknown or missing identifier fails the whole batch, as Lambda does.
            first = Math.min(first, index < 0 ? 0 : index);
        }
        return first;
    }

    private static Instant created(Record record) {
        Instant at = record.dynamodb().approximateCreationDateTime();
        return at == null ? Instant.now() : at;
    }

    private String failureRecord(
            String shardId, List<Record> records, String condition, int invokeCount) {
        ObjectNode root = Json.object();
        ObjectNode request = root.putObject("requestContext");
        request.put("requestId", UUID.randomUUID().toString());
        request.put(
                "functionArn",
                "arn:aws:lambda:"
                        + Intrinsics.REGION
                        + ":"
                        + Intrinsics.ACCOUNT
                        + ":function:"
                        + settings.functionName());
        request.put("condition", condition);
        request.put("approximateInvokeCount", invokeCount);
        root.putObject("responseContext")
                .put("statusCode", 200)
                .put("executedVersion", "$LATEST")
                .put("functionError", "Unhandled");
        root.put("version", "1.0");
        root.put("timestamp", Instant.now().toString());
        ObjectNode info = root.putObject("DDBStreamBatchInfo");
        info.put("shardId", shardId);
        info.put("startSequenceNumber", records.get(0).dynamodb().sequenceNumber());
        info.put("endSequenceNumber", records.get(records.size() - 1).dynamodb().sequenceNumber());
        info.put("approximateArrivalOfFirstRecord", created(records.get(0)).toString());
        info.put(
                "approximateArrivalOfLastRecord",
                created(records.get(records.size() - 1)).toString());
        info.put("batchSize", records.size());
        info.put("streamArn", settings.streamArn());
        return root.toString();
    }

    private DynamodbEvent.DynamodbStreamRecord toLambda(Record record) {
        DynamodbEvent.DynamodbStreamRecord out = new DynamodbEvent.DynamodbStreamRecord();
        out.setEventID(record.eventID());
        out.setEventName(record.eventNameAsString());
        out.setEventVersion(record.eventVersion());
        out.setEventSource("aws:dynamodb");
        out.setAwsRegion(record.awsRegion());
        out.setEventSourceARN(settings.streamArn());
        var source = record.dynamodb();
        var stream =
                new com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord();
        if (source.approximateCreationDateTime() != null) {
            stream.setApproximateCreationDateTime(Date.from(source.approximateCreationDateTime()));
        }
        stream.setKeys(convert(source.keys()));
        if (source.hasNewImage()) {
            stream.setNewImage(convert(source.newImage()));
        }
        if (source.hasOldImage()) {
            stream.setOldImage(convert(source.oldImage()));
        }
        stream.setSequenceNumber(source.sequenceNumber());
        stream.setSizeBytes(source.sizeBytes());
        if (source.streamViewType() != null
                && source.streamViewType()
                        != software.amazon.awssdk.services.dynamodb.model.StreamViewType
                                .UNKNOWN_TO_SDK_VERSION) {
            stream.setStreamViewType(
                    com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType
                            .fromValue(source.streamViewTypeAsString()));
        }
        out.setDynamodb(stream);
        return out;
    }

    private static Map<
                    String,
                    com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue>
            convert(Map<String, AttributeValue> item) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue>
                out = new LinkedHashMap<>();
        item.forEach((k, v) -> out.put(k, convert(v)));
        return out;
    }

    static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue convert(
            AttributeValue value) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        switch (value.type()) {
            case S -> out.setS(value.s());
            case N -> out.setN(value.n());
            case B -> out.setB(ByteBuffer.wrap(value.b().asByteArray()));
            case SS -> out.setSS(value.ss());
            case NS -> out.setNS(value.ns());
            case BS ->
                    out.setBS(
                            value.bs().stream()
                                    .map(b -> ByteBuffer.wrap(b.asByteArray()))
                                    .toList());
            case M -> out.setM(convert(value.m()));
            case L -> out.setL(value.l().stream().map(StreamPoller::convert).toList());
            case NUL -> out.setNULL(true);
            case BOOL -> out.setBOOL(value.bool());
            default -> {}
        }
        return out;
    }

    /**
     * The poller for one {@code DynamoDB} event of a function, from its resolved properties, with
     * failure records going to the SQS queue named by {@code DestinationConfig.OnFailure}.
     */
    @SuppressWarnings("unchecked")
    static StreamPoller forEvent(
            String functionName, Map<String, Object> props, Supplier<Object> handler) {
        DynamoDbStreamsClient streams =
                DynamoDbStreamsClient.builder()
                        .httpClient(UrlConnectionHttpClient.create())
                        .build();
        Optional<String> queueArn = onFailureQueueArn(props);
        Consumer<String> onFailure =
                queueArn.<Consumer<String>>map(
                                arn -> new QueueSender(arn.substring(arn.lastIndexOf(':') + 1)))
                        .orElse(
                                record ->
                                        System.out.println(
                                                "local: "
                                                        + functionName
                                                        + " dropped a failed stream batch: "
                                                        + record));
        // The function's handler at each batch, so a test may replace it while the poller runs.
        RequestHandler<DynamodbEvent, StreamsEventResponse> current =
                (event, context) ->
                        ((RequestHandler<DynamodbEvent, StreamsEventResponse>) handler.get())
                                .handleRequest(event, context);
        return new StreamPoller(Settings.from(functionName, props), current, streams, onFailure);
    }

    static Optional<String> onFailureQueueArn(Map<String, Object> props) {
        Map<String, Object> destination =
                Template.map(Template.map(props.get("DestinationConfig")).get("OnFailure"));
        Object arn = destination.get("Destination");
        return arn == null ? Optional.empty() : Optional.of(String.valueOf(arn));
    }

    /** Sends failure records to a queue of the emulator, found by name. */
    private static final class QueueSender implements Consumer<String> {
        private final String queueName;
        private final SqsClient sqs =
                SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();

        QueueSender(String queueName) {
            this.queueName = queueName;
        }

        @Override
        public void accept(String record) {
            try {
                String url = sqs.getQueueUrl(b -> b.queueName(queueName)).queueUrl();
                sqs.sendMessage(b -> b.queueUrl(url).messageBody(record));
                System.out.println(
                        "local: a failed stream batch went to the dead-letter queue " + queueName);
            } catch (SdkException e) {
                System.out.println(
                        "local: could not send a failed stream batch to "
                                + queueName
                                + ": "
                                + e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        Pause.stop(thread, 2000);
    }
}
