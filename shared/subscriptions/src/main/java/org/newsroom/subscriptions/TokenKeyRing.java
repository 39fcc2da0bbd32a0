package org.newsroom.subscriptions;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.newsroom.core.config.ConfigException;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;

/**
 * The keys that sign and verify link tokens, read from one JSON secret: {@code
 * {"current":"k2","k2":"<secret>","k1":"<older secret>"}}. The current key signs; every key
 * verifies, so links already sent keep working while a key is rotated out. Each secret needs at
 * least 32 characters.
 */
public final class TokenKeyRing {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");
    private static final int MIN_SECRET_LENGTH = 32;

    private final String currentId;
    private final Map<String, byte[]> keys;

    private TokenKeyRing(String currentId, Map<String, byte[]> keys) {
        this.currentId = currentId;
        this.keys = keys;
    }

    /**
     * Parses the setting {@code name}; any problem fails the cold start with a message naming it.
     */
    public static TokenKeyRing parse(String name, String json) {
        JsonNode node;
        try {
            node = Json.read(json);
        } catch (Exception e) {
            throw new ConfigException(
                    "Setting "
                            + name
                            + " must be a JSON object like {\"current\":\"k1\",\"k1\":\"<secret>\"}");
        }
        if (node == null || !node.isObject() || !node.path("current").isTextual()) {
            throw new ConfigException(
                    "Setting " + name + " must be a JSON object with a \"current\" key id");
        }
        String current = node.get("current").asText();
        Map<String, byte[]> keys = new LinkedHashMap<>();
        node.properties()
                .forEach(
                        entry -> {
                            if (entry.getKey().equals("current")) {
                                return;
                            }
                            if (!KEY_ID.matcher(entry.getKey()).matches()) {
                                throw new ConfigException(
                                        "Setting "
                                                + name
                                                + ": key ids are 1-16 letters, digits, '-' or '_'");
                            }
                            String secret = entry.getValue().asText("");
                            if (secret.length() < MIN_SECRET_LENGTH) {
                                throw new ConfigException(
                                        "Setting "
                                                + name
                                                + ": key "
                                                + entry.getKey()
                                                + " needs at least "
                                                + MIN_SECRET_LENGTH
                                                + " characters");
                            }
                            keys.put(entry.getKey(), secret.getBytes(StandardCharsets.UTF_8));
                        });
        if (!keys.containsKey(current)) {
            throw new ConfigException(
                    "Setting " + name + ": the current key " + current + " is not in the ring");
        }
        return new TokenKeyRing(current, Map.copyOf(keys));
    }

    /** The ring stored in the Secrets Manager secret that holds it. */
    public static TokenKeyRing parseSecret(String json) {
        return parse("the token key ring secret (TOKEN_KEYS_SECRET_ID)", json);
    }

    public String currentId() {
        return currentId;
    }

    byte[] current() {
        return keys.get(currentId);
    }

    Optional<byte[]> find(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }
}
