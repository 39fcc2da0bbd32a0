package org.newsroom.core.secrets;

/**
 * A secret could not be read (missing, not allowed, the service unreachable) and no earlier value
 * is cached. The message names the secret's id, never its value.
 */
public final class SecretUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SecretUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public SecretUnavailableException(String message) {
        super(message);
    }
}
