package org.newsroom.core.priming;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.newsroom.core.crypto.HmacSha256;
import org.newsroom.core.secrets.CachedSecret;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

class PrimingTest {

    @Test
    void primeAll_shouldRunEachRegisteredPriming_andRestoreAllItsRestoreAction() {
        AtomicInteger primed = new AtomicInteger();
        AtomicInteger restored = new AtomicInteger();
        Priming.register("test", primed::incrementAndGet, restored::incrementAndGet);

        Priming.primeAll();
        Priming.restoreAll();

        assertEquals(1, primed.get());
        assertEquals(1, restored.get());
    }

    @Test
    void beforeCheckpoint_shouldNotFailTheSnapshot_whenPrimingThrows() {
        Priming priming =
                Priming.register(
                        "test",
                        () -> {
                            throw new IllegalStateException("table unreachable");
                        });

        assertDoesNotThrow(() -> priming.beforeCheckpoint(null));
    }

    @Test
    void afterRestore_shouldForgetEveryCachedSecret_soTheNextUseReadsItAgain() {
        AtomicInteger reads = new AtomicInteger();
        CachedSecret<String> secret =
                new CachedSecret<>(
                        id -> "value-" + reads.incrementAndGet(),
                        "id",
                        s -> s,
                        Duration.ofMinutes(5),
                        Clock.systemUTC());
        assertEquals("value-1", secret.get());

        Priming.register("test", () -> {}).afterRestore(null);

        assertEquals("value-2", secret.get(), "read again after the restore, within the ttl");
    }

    @Test
    void beforeCheckpoint_shouldForgetASecretReadWhilePriming_soNoValueIsInTheSnapshot() {
        AtomicInteger reads = new AtomicInteger();
        CachedSecret<String> secret =
                new CachedSecret<>(
                        id -> "value-" + reads.incrementAndGet(),
                        "id",
                        s -> s,
                        Duration.ofMinutes(5),
                        Clock.systemUTC());

        Priming.register("test", secret::get).beforeCheckpoint(null);

        assertEquals(1, reads.get(), "read once, by the sample request");
        assertEquals("value-2", secret.get(), "read again, not served from before the snapshot");
    }

    @Test
    void beforeCheckpoint_shouldDropTheMacsKeyedWhilePriming_soNoKeyIsInTheSnapshot() {
        byte[] pepper = "pepper-read-while-priming".getBytes(StandardCharsets.UTF_8);

        Priming.register("test", () -> HmacSha256.of(pepper, new byte[] {1}))
                .beforeCheckpoint(null);

        assertEquals(0, HmacSha256.keptKeys());
    }

    @Test
    void http_shouldHandTheHandlerTheSampleRequest_parsedAsTheGatewaySendsIt() {
        AtomicReference<APIGatewayV2HTTPEvent> seen = new AtomicReference<>();

        int status =
                Priming.http(
                        (event, context) -> {
                            seen.set(event);
                            APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
                            response.setStatusCode(404);
                            response.setHeaders(Map.of("content-type", "application/problem+json"));
                            response.setBody("{}");
                            return response;
                        },
                        "PUT /articles/{slug}",
                        "/articles/priming",
                        Map.of("slug", "priming"),
                        "{\"headline\":\"\"}");

        assertEquals(404, status);
        APIGatewayV2HTTPEvent event = seen.get();
        assertEquals("PUT /articles/{slug}", event.getRouteKey());
        assertEquals("PUT", event.getRequestContext().getHttp().getMethod());
        assertEquals("/articles/priming", event.getRawPath());
        assertEquals(Map.of("slug", "priming"), event.getPathParameters());
        assertEquals("application/json", event.getHeaders().get("content-type"));
        assertEquals("{\"headline\":\"\"}", event.getBody());
    }

    @Test
    void http_shouldSendNoBody_forARead() {
        AtomicReference<APIGatewayV2HTTPEvent> seen = new AtomicReference<>();

        Priming.http(
                (event, context) -> {
                    seen.set(event);
                    APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
                    response.setStatusCode(200);
                    return response;
                },
                "GET /newsletters",
                "/newsletters",
                Map.of(),
                null);

        assertNull(seen.get().getBody());
        assertNull(seen.get().getHeaders().get("content-type"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void readMissingItem_shouldGetAKeyNoItemHas_fromTheGivenTable() {
        DynamoDbClient dynamo = mock(DynamoDbClient.class);
        doCallRealMethod().when(dynamo).getItem(any(Consumer.class));
        when(dynamo.getItem(any(GetItemRequest.class)))
                .thenReturn(GetItemResponse.builder().build());

        Priming.readMissingItem(dynamo, "articles");

        ArgumentCaptor<GetItemRequest> request = ArgumentCaptor.forClass(GetItemRequest.class);
        verify(dynamo).getItem(request.capture());
        assertEquals("articles", request.getValue().tableName());
        AttributeValue none = AttributeValue.fromS("PRIMING#none");
        assertEquals(Map.of("pk", none, "sk", none), request.getValue().key());
    }

    @Test
    @SuppressWarnings("unchecked")
    void queryMissingPartition_shouldQueryAPartitionNoItemHas_inTheGivenTable() {
        DynamoDbClient dynamo = mock(DynamoDbClient.class);
        doCallRealMethod().when(dynamo).query(any(Consumer.class));
        when(dynamo.query(any(software.amazon.awssdk.services.dynamodb.model.QueryRequest.class)))
                .thenReturn(
                        software.amazon.awssdk.services.dynamodb.model.QueryResponse.builder()
                                .build());

        Priming.queryMissingPartition(dynamo, "subscriptions");

        ArgumentCaptor<software.amazon.awssdk.services.dynamodb.model.QueryRequest> request =
                ArgumentCaptor.forClass(
                        software.amazon.awssdk.services.dynamodb.model.QueryRequest.class);
        verify(dynamo).query(request.capture());
        assertEquals("subscriptions", request.getValue().tableName());
        assertEquals("#pk = :pk", request.getValue().keyConditionExpression());
        assertEquals(Map.of("#pk", "pk"), request.getValue().expressionAttributeNames());
        assertEquals(
                Map.of(":pk", AttributeValue.fromS("PRIMING#none")),
                request.getValue().expressionAttributeValues());
    }
}
