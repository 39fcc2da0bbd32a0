package org.newsroom.core.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

class SecretsManagerSourceTest {

    @SuppressWarnings("unchecked")
    private static SecretsManagerClient client() {
        SecretsManagerClient client = mock(SecretsManagerClient.class);
        doCallRealMethod().when(client).getSecretValue(any(Consumer.class));
        return client;
    }

    @Test
    void read_shouldBuildOneClient_forEverySecretReadThroughIt() {
        SecretsManagerClient client = client();
        when(client.getSecretValue(any(GetSecretValueRequest.class)))
                .thenAnswer(
                        call ->
                                GetSecretValueResponse.builder()
                                        .secretString(
                                                "value of "
                                                        + call.getArgument(
                                                                        0,
                                                                        GetSecretValueRequest.class)
                                                                .secretId())
                                        .build());
        AtomicInteger built = new AtomicInteger();
        SecretsManagerSource source =
                new SecretsManagerSource(
                        () -> {
                            built.incrementAndGet();
                            return client;
                        });
        SecretSetting pepper = new SecretSetting("pepper", Duration.ofMinutes(5));
        SecretSetting keys = new SecretSetting("token-keys", Duration.ofMinutes(5));
        CachedSecret<String> first = pepper.open(source, s -> s);
        CachedSecret<String> second = keys.open(source, s -> s);
        assertEquals(0, built.get(), "no client before the first read");

        assertEquals("value of pepper", first.get());
        assertEquals("value of token-keys", second.get());

        assertEquals(1, built.get());
        ArgumentCaptor<GetSecretValueRequest> requests =
                ArgumentCaptor.forClass(GetSecretValueRequest.class);
        verify(client, org.mockito.Mockito.times(2)).getSecretValue(requests.capture());
        assertEquals(
                List.of("pepper", "token-keys"),
                requests.getAllValues().stream().map(GetSecretValueRequest::secretId).toList());
    }

    @Test
    void read_shouldNameTheSecretAndNotItsValue_whenTheServiceRefuses() {
        SecretsManagerClient client = client();
        when(client.getSecretValue(any(GetSecretValueRequest.class)))
                .thenThrow(ResourceNotFoundException.builder().message("no such secret").build());

        SecretUnavailableException e =
                assertThrows(
                        SecretUnavailableException.class,
                        () -> new SecretsManagerSource(client).read("stack/pepper"));

        assertTrue(e.getMessage().contains("stack/pepper"), e.getMessage());
        assertTrue(e.getMessage().contains("ResourceNotFoundException"), e.getMessage());
        assertFalse(e.getMessage().contains("no such secret"), e.getMessage());
    }
}
