package org.newsroom.memberships;

import java.util.ArrayList;
import java.util.List;
import org.newsroom.core.config.ConfigException;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;

/**
 * The Stripe endpoint's signing secrets as stored in Secrets Manager: {@code
 * {"current":"whsec_new","previous":"whsec_old"}} while a secret is being rolled (Stripe signs with
 * both for a while), {@code {"current":"whsec_..."}} otherwise. A bare {@code whsec_...} string is
 * read as the current secret alone.
 */
public record StripeWebhookSecrets(List<String> secrets) {

    public StripeWebhookSecrets {
        secrets = List.copyOf(secrets);
        if (secrets.isEmpty()) {
            throw new ConfigException("The Stripe webhook secret has no \"current\" value");
        }
    }

    public static StripeWebhookSecrets parse(String value) {
        String text = value == null ? "" : value.trim();
        if (!text.startsWith("{")) {
            if (text.isEmpty()) {
                throw new ConfigException("The Stripe webhook secret is empty");
            }
            return new StripeWebhookSecrets(List.of(text));
        }
        JsonNode node;
        try {
            node = Json.read(text);
        } catch (Exception e) {
            throw new ConfigException(
                    "The Stripe webhook secret must be JSON like"
                            + " {\"current\":\"whsec_...\",\"previous\":\"whsec_...\"}");
        }
        List<String> secrets = new ArrayList<>();
        for (String key : List.of("current", "previous")) {
            String secret = node.path(key).asText("").trim();
            if (!secret.isEmpty()) {
                secrets.add(secret);
            } else if (key.equals("current")) {
                throw new ConfigException("The Stripe webhook secret has no \"current\" value");
            }
        }
        return new StripeWebhookSecrets(secrets);
    }

    @Override
    public String toString() {
        return "StripeWebhookSecrets[" + secrets.size() + " redacted]";
    }
}
