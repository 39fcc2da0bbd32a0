package org.newsroom.core.secrets;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.newsroom.core.config.Config;

/**
 * Where a function finds one of its secrets: the secret's id (name or ARN, from a {@code
 * ..._SECRET_ID} setting; the value itself is never in the environment), how long a read value is
 * kept, from {@code SECRETS_CACHE_SECONDS} (default 300), and whether Lambda is initialising this
 * JVM for a SnapStart snapshot ({@code AWS_LAMBDA_INITIALIZATION_TYPE}, which Lambda sets, is
 * {@code snap-start}): a secret read ahead is then read only after each restore, never into the
 * snapshot.
 */
public record SecretSetting(String secretId, Duration cacheTtl, boolean snapshotInit) {

    public static final String CACHE_SECONDS = "SECRETS_CACHE_SECONDS";

    /** Set by Lambda: {@code on-demand}, {@code provisioned-concurrency} or {@code snap-start}. */
    public static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";

    public SecretSetting {
        Objects.requireNonNull(secretId, "secretId");
        Objects.requireNonNull(cacheTtl, "cacheTtl");
    }

    /** A secret read ahead from the start (no SnapStart snapshot being initialised). */
    public SecretSetting(String secretId, Duration cacheTtl) {
        this(secretId, cacheTtl, false);
    }

    /** The secret named by the required setting {@code name}. */
    public static SecretSetting require(Config config, String name) {
        return new SecretSetting(config.require(name), cacheTtl(config), snapshotInit(config));
    }

    /** The secret named by {@code name}, empty when that setting is unset or blank. */
    public static Optional<SecretSetting> optional(Config config, String name) {
        return config.optional(name)
                .map(id -> new SecretSetting(id, cacheTtl(config), snapshotInit(config)));
    }

    /** This secret read from {@code source}, parsed with {@code parser}, cached for the ttl. */
    public <T> CachedSecret<T> open(SecretSource source, Function<String, T> parser) {
        return new CachedSecret<>(source, secretId, parser, cacheTtl, Clock.systemUTC());
    }

    /**
     * This secret read from AWS Secrets Manager (through the container's one client, {@link
     * SecretsManagerSource#shared()}), parsed with {@code parser}, cached for the ttl.
     */
    public <T> CachedSecret<T> openInSecretsManager(Function<String, T> parser) {
        return open(SecretsManagerSource.shared(), parser);
    }

    /**
     * As {@link #openInSecretsManager}, for a secret every request needs: its read starts now on a
     * background thread, so it overlaps the rest of the cold start, and again after each SnapStart
     * restore; while a snapshot is being initialised, only after each restore ({@link
     * CachedSecret#readAhead}).
     */
    public <T> CachedSecret<T> readAheadInSecretsManager(Function<String, T> parser) {
        return openInSecretsManager(parser).readAhead(!snapshotInit);
    }

    private static boolean snapshotInit(Config config) {
        return config.optional(INITIALIZATION_TYPE).filter("snap-start"::equals).isPresent();
    }

    private static Duration cacheTtl(Config config) {
        return config.getSeconds(CACHE_SECONDS, CachedSecret.DEFAULT_TTL);
    }
}
