package org.newsroom.core.config;

/** A setting is missing or malformed; thrown at cold start so the deployment fails loudly. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
