package org.newsroom.core.config;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A function's settings, read once when its handler is constructed.
 *
 * <p>On Lambda the map is {@code System.getenv()}; the local stack passes the environment it
 * resolved from {@code template.yaml} for that function, because one JVM cannot give each function
 * its own process environment. Nothing below a handler's constructor reads the environment
 * directly.
 *
 * <p>Every accessor fails with a {@link ConfigException} that names the variable, so a
 * misconfigured deployment fails its cold start with an actionable message.
 */
public final class Config {

    private final Map<String, String> values;

    private Config(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Settings taken from the given map (usually the process environment). */
    public static Config from(Map<String, String> values) {
        return new Config(Objects.requireNonNull(values, "values"));
    }

    /** The value of a required setting; blank counts as missing. */
    public String require(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new ConfigException("Missing required setting " + name);
        }
        return value.trim();
    }

    /** The value of an optional setting, empty when unset or blank. */
    public Optional<String> optional(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String get(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    public int getInt(String name, int defaultValue, int min, int max) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw.get());
        } catch (NumberFormatException e) {
            throw new ConfigException(
                    "Setting " + name + " must be a whole number, got '" + raw.get() + "'");
        }
        if (value < min || value > max) {
            throw new ConfigException(
                    "Setting "
                            + name
                            + " must be between "
                            + min
                            + " and "
                            + max
                            + ", got "
                            + value);
        }
        return value;
    }

    public boolean getBoolean(String name, boolean defaultValue) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default ->
                    throw new ConfigException(
                            "Setting " + name + " must be true or false, got '" + raw.get() + "'");
        };
    }

    /** A duration in whole seconds. */
    public Duration getSeconds(String name, Duration defaultValue) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            long seconds = Long.parseLong(raw.get());
            if (seconds < 0) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new ConfigException(
                    "Setting "
                            + name
                            + " must be a number of seconds (0 or more), got '"
                            + raw.get()
                            + "'");
        }
    }

    /** An absolute http(s) URL. */
    public URI requireUrl(String name) {
        String raw = require(name);
        try {
            URI uri = new URI(raw);
            if (uri.getScheme() == null
                    || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                    || uri.getHost() == null) {
                throw new ConfigException(
                        "Setting " + name + " must be an absolute http(s) URL, got '" + raw + "'");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException(
                    "Setting " + name + " must be an absolute http(s) URL, got '" + raw + "'");
        }
    }

    /** A comma-separated list; empty when unset. */
    public List<String> getList(String name) {
        return optional(name)
                .map(
                        v ->
                                Arrays.stream(v.split(","))
                                        .map(String::trim)
                                        .filter(s -> !s.isEmpty())
                                        .toList())
                .orElse(List.of());
    }
}
