package org.newsroom.core.secrets;

import java.util.Objects;
import java.util.function.Supplier;
import org.newsroom.core.aws.Lazy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * Reads the {@code AWSCURRENT} string value of a secret from AWS Secrets Manager. Built from a
 * supplier, the client is made on the first read: a function whose first request needs no secret (a
 * new issue's draft, most page views) does not build one at its cold start.
 */
public final class SecretsManagerSource implements SecretSource {

    private final Supplier<SecretsManagerClient> client;

    public SecretsManagerSource(SecretsManagerClient client) {
        Objects.requireNonNull(client, "client");
        this.client = () -> client;
    }

    public SecretsManagerSource(Supplier<SecretsManagerClient> factory) {
        this.client = Lazy.of(factory);
    }

    @Override
    public String read(String secretId) {
        GetSecretValueResponse response;
        try {
            response = client.get().getSecretValue(b -> b.secretId(secretId));
        } catch (SdkException e) {
            throw new SecretUnavailableException(
                    "Could not read secret " + secretId + ": " + e.getClass().getSimpleName(), e);
        }
        if (response.secretString() == null) {
            throw new SecretUnavailableException(
                    "Secret " + secretId + " has no string value (binary secrets are not used)");
        }
        return response.secretString();
    }
}
