package org.newsroom.core.secrets;

/**
 * Where secret values come from: AWS Secrets Manager on Lambda and in the local stack ({@link
 * SecretsManagerSource}), a lambda in tests.
 */
@FunctionalInterface
public interface SecretSource {

    /**
     * The current value of the secret named or identified (ARN) by {@code secretId}.
     *
     * @throws SecretUnavailableException when it cannot be read
     */
    String read(String secretId);
}
