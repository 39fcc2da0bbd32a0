package org.newsroom.core.secrets;

import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/** Reads the {@code AWSCURRENT} string value of a secret from AWS Secrets Manager. */
public final class SecretsManagerSource implements SecretSource {

    private final SecretsManagerClient client;

    public SecretsManagerSource(SecretsManagerClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public String read(String secretId) {
        GetSecretValueResponse response;
        try {
            response = client.getSecretValue(b -> b.secretId(secretId));
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
