package org.newsroom.core.secrets;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.config.Config;

/**
 * Where a function finds one of its secrets: the secret's id (name or ARN, from a {@code
 * ..._SECRET_ID} setting; the value itself is never in the environment) and how long a read value
 * is kept, from {@code SECRETS_CACHE_SECONDS} (default 300).
 */
public record SecretSetting(String secretId, Duration cacheTtl) {

    public static final String CACHE_SECONDS = "SECRETS_CACHE_SECONDS";

    public SecretSetting {
        Objects.requireNonNull(secretId, "secretId");
        Objects.requireNonNull(cacheTtl, "cacheTtl");
    }

    /** The secret named by the required setting {@code name}. */
    public static SecretSetting require(Config config, String name) {
        return new SecretSetting(config.require(name), cacheTtl(config));
    }

    /** The secret named by {@code name}, empty when that setting is unset or blank. */
    public static Optional<SecretSetting> optional(Config config, String name) {
        return config.optional(name).map(id -> new SecretSetting(id, cacheTtl(config)));
    }

    /** This secret read from {@code source}, parsed with {@code parser}, cached for the ttl. */
    public <T> CachedSecret<T> open(SecretSource source, Function<String, T> parser) {
        return new CachedSecret<>(source, secretId, parser, cacheTtl, Clock.systemUTC());
    }

    /**
     * This secret read from AWS Secrets Manager, parsed with {@code parser}, cached for the ttl.
     */
    public <T> CachedSecret<T> openInSecretsManager(Function<String, T> parser) {
        return open(new SecretsManagerSource(AwsClients::secretsManager), parser);
    }

    private static Duration cacheTtl(Config config) {
        return config.getSeconds(CACHE_SECONDS, CachedSecret.DEFAULT_TTL);
    }
}
