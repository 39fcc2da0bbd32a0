package org.newsroom.newsletters.bounces;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;

/**
 * The part of an SES event (configuration-set event publishing, {@code eventType}) or SES
 * notification ({@code notificationType}) that matters here: which recipients must never be mailed
 * again. Permanent bounces and complaints count; transient and undetermined bounces, deliveries and
 * everything else do not.
 */
record SesNotification(String kind, List<EmailAddress> suppress) {

    /** The metric's reason for a suppressing kind: {@code bounce} or {@code complaint}. */
    String reason() {
        return kind.startsWith("bounce") ? "bounce" : "complaint";
    }

    static SesNotification parse(String message) {
        JsonNode root;
        try {
            root = Json.read(message);
        } catch (Exception e) {
            return new SesNotification("unreadable", List.of());
        }
        if (root == null || !root.isObject()) {
            return new SesNotification("unreadable", List.of());
        }
        String type = root.path("eventType").asText(root.path("notificationType").asText(""));
        switch (type) {
            case "Bounce" -> {
                String bounceType = root.path("bounce").path("bounceType").asText("");
                if (!bounceType.equals("Permanent")) {
                    return new SesNotification(
                            "bounce-" + bounceType.toLowerCase(Locale.ROOT), List.of());
                }
                return new SesNotification(
                        "bounce-permanent",
                        addresses(root.path("bounce").path("bouncedRecipients")));
            }
            case "Complaint" -> {
                return new SesNotification(
                        "complaint",
                        addresses(root.path("complaint").path("complainedRecipients")));
            }
            default -> {
                return new SesNotification(
                        type.isEmpty() ? "unknown" : type.toLowerCase(Locale.ROOT), List.of());
            }
        }
    }

    private static List<EmailAddress> addresses(JsonNode recipients) {
        List<EmailAddress> found = new ArrayList<>();
        for (JsonNode recipient : recipients) {
            address(recipient.path("emailAddress").asText("")).ifPresent(found::add);
        }
        return found;
    }

    /** SES may report {@code Name <address>}; take the address inside the brackets. */
    private static Optional<EmailAddress> address(String text) {
        int open = text.lastIndexOf('<');
        int close = text.lastIndexOf('>');
        String candidate = open >= 0 && close > open ? text.substring(open + 1, close) : text;
        return EmailAddress.parse(candidate);
    }
}
