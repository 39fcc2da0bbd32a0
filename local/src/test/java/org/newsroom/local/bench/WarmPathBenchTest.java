package org.newsroom.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class WarmPathBenchTest {

    @Test
    void percentile_shouldPickTheNearestRank() {
        long[] values = new long[100];
        for (int i = 0; i < values.length; i++) {
            values[i] = 100 - i;
        }

        assertEquals(50, WarmPathBench.percentile(values, 50));
        assertEquals(99, WarmPathBench.percentile(values, 99));
        assertEquals(100, values[0], "the input is left unsorted");
    }

    @Test
    void medianFirst_shouldTakeTheMedianOfTheFirstRequestTimes() {
        List<ColdStartBench.Sample> samples =
                List.of(
                        new ColdStartBench.Sample(900, 30, 1, 0, 0),
                        new ColdStartBench.Sample(800, 10, 1, 0, 0),
                        new ColdStartBench.Sample(700, 20, 1, 0, 0),
                        new ColdStartBench.Sample(600, 40, 1, 0, 0));

        assertEquals(25.0, ColdStartBench.medianFirst(samples));
        assertEquals(750.0, ColdStartBench.median(samples));
    }

    @Test
    void sdkCallTimer_shouldCountTheCallsOfTheOpenMeasurementOnly_failedOnesIncluded() {
        try (DynamoDbClient dynamo = timedClientOfNowhere()) {
            Runnable call =
                    () ->
                            dynamo.getItem(
                                    b ->
                                            b.tableName("t")
                                                    .key(Map.of("pk", AttributeValue.fromS("x"))));
            assertThrows(SdkException.class, call::run);

            SdkCallTally tally = SdkCallTally.open();
            try {
                assertThrows(SdkException.class, call::run);
            } finally {
                SdkCallTally.close();
            }

            assertEquals(1, tally.calls, "the call before open() is not counted");
            assertTrue(tally.nanos > 0);
        }
    }

    @Test
    void measure_shouldTakeTheSdkEntryWorkOffEachCall_askingForItAfterTheTimedInvocations()
            throws Exception {
        String sample = adminSample();
        int[] invocations = {0};
        try (DynamoDbClient dynamo = timedClientOfNowhere()) {
            // One failed GetItem per invocation, then a 500, as a handler whose store is down.
            com.amazonaws.services.lambda.runtime.RequestHandler<
                            com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent,
                            com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse>
                    handler =
                            (event, context) -> {
                                invocations[0]++;
                                try {
                                    dynamo.getItem(
                                            b ->
                                                    b.tableName("t")
                                                            .key(
                                                                    Map.of(
                                                                            "pk",
                                                                            AttributeValue.fromS(
                                                                                    "x"))));
                                } catch (SdkException e) {
                                    // Expected: nothing listens there.
                                }
                                return com.amazonaws.services.lambda.runtime.events
                                        .APIGatewayV2HTTPResponse.builder()
                                        .withStatusCode(500)
                                        .build();
                            };
            java.util.List<Integer> askedAfter = new java.util.ArrayList<>();
            long hour = 3_600_000_000_000L;

            WarmPathBench.Figures uncorrected =
                    WarmPathBench.measure(handler, n -> sample.getBytes(), () -> 0);
            invocations[0] = 0;
            WarmPathBench.Figures corrected =
                    WarmPathBench.measure(
                            handler,
                            n -> sample.getBytes(),
                            () -> {
                                askedAfter.add(invocations[0]);
                                return hour;
                            });

            assertEquals(1.0, uncorrected.sdkCalls());
            assertEquals(
                    uncorrected.interceptedOverheadP50Ms(),
                    uncorrected.overheadP50Ms(),
                    "no entry work: the overhead is what the interceptor leaves");
            assertTrue(uncorrected.overheadP50Ms() > 0);
            assertEquals(
                    List.of(WarmPathBench.WARM_UP + WarmPathBench.INVOCATIONS),
                    askedAfter,
                    "asked once, after every invocation");
            assertEquals(3_600_000.0, corrected.sdkEntryMs());
            assertTrue(corrected.interceptedOverheadP50Ms() > 0);
            assertEquals(0.0, corrected.overheadP50Ms(), "an hour per call leaves nothing");
            assertEquals(0.0, corrected.overheadP99Ms());
        }
    }

    @Test
    void measure_shouldLeaveAnInvocationWithoutSdkCallsUncorrected() throws Exception {
        String sample = adminSample();
        com.amazonaws.services.lambda.runtime.RequestHandler<
                        com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent,
                        com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse>
                handler =
                        (event, context) ->
                                com.amazonaws.services.lambda.runtime.events
                                        .APIGatewayV2HTTPResponse.builder()
                                        .withStatusCode(event.getBody() == null ? 400 : 200)
                                        .build();

        WarmPathBench.Figures figures =
                WarmPathBench.measure(handler, n -> sample.getBytes(), () -> 3_600_000_000_000L);

        assertEquals(0.0, figures.sdkCalls());
        assertTrue(figures.overheadP50Ms() > 0);
        assertEquals(figures.interceptedOverheadP50Ms(), figures.overheadP50Ms());
    }

    @Test
    void fromClient_shouldGiveEachInvocationItsOwnSourceAddress() throws Exception {
        String template =
                java.nio.file.Files.readString(
                        java.nio.file.Path.of(
                                System.getProperty("newsroom.root", ".."),
                                "events/gift-redeem/unknown-code.json"));
        org.newsroom.core.json.JsonNode first =
                org.newsroom.core.json.Json.read(WarmPathBench.fromClient(template, 1));
        org.newsroom.core.json.JsonNode later =
                org.newsroom.core.json.Json.read(WarmPathBench.fromClient(template, 70_000));
        assertEquals("10.0.0.1", first.at("/requestContext/http/sourceIp").asText());
        assertEquals("10.1.17.112", later.at("/requestContext/http/sourceIp").asText());
        // Nothing else changes.
        ((org.newsroom.core.json.ObjectNode) first.at("/requestContext/http")).remove("sourceIp");
        ((org.newsroom.core.json.ObjectNode) later.at("/requestContext/http")).remove("sourceIp");
        assertEquals(first, later);
    }

    @Test
    void fromClient_shouldTakeEachInvocationsOwnEvent_fromItsOwnAddress() throws Exception {
        String sample = adminSample();
        WarmPathBench.Events events =
                n ->
                        BenchEvents.withSlugSuffix(sample, "warm-" + n)
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        org.newsroom.core.json.JsonNode first =
                org.newsroom.core.json.Json.read(WarmPathBench.fromClient(events, 100));
        org.newsroom.core.json.JsonNode second =
                org.newsroom.core.json.Json.read(WarmPathBench.fromClient(events, 101));

        assertEquals("harbour-bridge-repairs-warm-100", first.at("/pathParameters/slug").asText());
        assertEquals("harbour-bridge-repairs-warm-101", second.at("/pathParameters/slug").asText());
        assertEquals("10.0.0.100", first.at("/requestContext/http/sourceIp").asText());
        assertEquals("10.0.0.101", second.at("/requestContext/http/sourceIp").asText());
    }

    @Test
    void measure_shouldTallyTheStatusesOfTheTimedInvocations_andRunAfterEachInvocation()
            throws Exception {
        String sample = adminSample();
        java.util.Set<String> created = new java.util.HashSet<>();
        java.util.List<Integer> undone = new java.util.ArrayList<>();
        // Answers 201 to a slug it has not seen, 428 to one it has: the admin's rule.
        com.amazonaws.services.lambda.runtime.RequestHandler<
                        com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent,
                        com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse>
                handler =
                        (event, context) ->
                                com.amazonaws.services.lambda.runtime.events
                                        .APIGatewayV2HTTPResponse.builder()
                                        .withStatusCode(
                                                created.add(event.getPathParameters().get("slug"))
                                                        ? 201
                                                        : 428)
                                        .build();
        WarmPathBench.Events fresh =
                new WarmPathBench.Events() {
                    @Override
                    public byte[] event(int n) {
                        return BenchEvents.withSlugSuffix(sample, "n" + n)
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    }

                    @Override
                    public void after(int n) {
                        undone.add(n);
                    }
                };

        WarmPathBench.Figures figures = WarmPathBench.measure(handler, fresh, () -> 0);
        WarmPathBench.Figures same =
                WarmPathBench.measure(handler, n -> sample.getBytes(), () -> 0);

        assertEquals(Map.of(201, WarmPathBench.INVOCATIONS), figures.statuses());
        assertEquals(WarmPathBench.WARM_UP + WarmPathBench.INVOCATIONS, undone.size());
        assertEquals(
                WarmPathBench.WARM_UP + WarmPathBench.INVOCATIONS - 1,
                undone.get(undone.size() - 1));
        // The stored sample every time: the first is a create, every timed one a refusal.
        assertEquals(Map.of(428, WarmPathBench.INVOCATIONS), same.statuses());
    }

    @Test
    void statusOf_shouldReadTheStatus_ofATypedResponseAndOfAStreamHandlersOutput() {
        assertEquals(
                201,
                WarmPathBench.statusOf(
                        com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse
                                .builder()
                                .withStatusCode(201)
                                .build()));
        assertEquals(
                428,
                WarmPathBench.statusOf(
                        "{\"statusCode\":428,\"body\":\"{}\"}"
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(-1, WarmPathBench.statusOf("{}".getBytes()));
    }

    /**
     * A DynamoDB client timed by {@link SdkCallTimer}, pointed at a port nothing listens on and
     * never retrying: each call fails at once, and is counted.
     */
    private static DynamoDbClient timedClientOfNowhere() {
        RetryStrategy once = DefaultRetryStrategy.doNotRetry();
        return DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:1"))
                .region(Region.US_EAST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(
                        c -> c.addExecutionInterceptor(new SdkCallTimer()).retryStrategy(once))
                .build();
    }

    /** The admin's sample PUT event. */
    private static String adminSample() throws java.io.IOException {
        return java.nio.file.Files.readString(
                java.nio.file.Path.of(
                        System.getProperty("newsroom.root", ".."),
                        "events/articles-admin/put-article.json"));
    }
}
