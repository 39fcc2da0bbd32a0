package org.newsroom.core.secrets;

import java.util.Objects;
import java.util.function.Supplier;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.aws.Lazy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * Reads the {@code AWSCURRENT} string value of a secret from AWS Secrets Manager. Built from a
 * supplier, the client is made on the first read: a function whose first request needs no secret (a
 * new issue's draft, most page views) does not build one at its cold start.
 *
 * <p>Deployed, every secret of a function is read through {@link #shared()}: one client per
 * container whatever the number of secrets, so a request that needs two (a pepper and a key ring)
 * builds one client, not two.
 */
public final class SecretsManagerSource implements SecretSource {

    // Made on first use: initialising this class must not need the Secrets Manager classes, which
    // the jars of functions that read no secret leave out (their priming still refers to it).
    private static final Lazy<SecretsManagerSource> SHARED =
            Lazy.of(() -> new SecretsManagerSource(AwsClients::secretsManager));

    private final Supplier<SecretsManagerClient> client;

    public SecretsManagerSource(SecretsManagerClient client) {
        Objects.requireNonNull(client, "client");
        this.client = () -> client;
    }

    public SecretsManagerSource(Supplier<SecretsManagerClient> factory) {
        this.client = Lazy.of(factory);
    }

    /**
     * The source every secret of this container reads through, its client ({@link
     * AwsClients#secretsManager()}) built on the first read, once.
     */
    public static SecretsManagerSource shared() {
        return SHARED.get();
    }

    /**
     * Builds the client now if it is not built yet, reading nothing: SnapStart priming keeps it in
     * the snapshot, so a restored copy's first read does not build it.
     */
    public void buildClient() {
        client.get();
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
