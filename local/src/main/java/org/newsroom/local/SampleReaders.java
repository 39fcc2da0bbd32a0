package org.newsroom.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.newsroom.core.crypto.Pepper;
import org.newsroom.core.email.AddressKeys;
import org.newsroom.core.email.EmailAddress;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.subscriptions.Consent;
import org.newsroom.subscriptions.DynamoDbSubscriptionRepository;

/**
 * Seeds the confirmed sample readers of {@code local/sample/readers.json}, so {@code make
 * send-issue} has someone to send to. They are written through the subscription repository, as a
 * signup followed by a click on the confirmation link would write them (without the confirmation
 * email). Idempotent: confirming a confirmed reader changes nothing.
 */
public final class SampleReaders {

    private SampleReaders() {}

    public static int load(Path root, LocalStack stack) throws IOException {
        Path file = root.resolve("local/sample/readers.json");
        if (!Files.exists(file)) {
            return 0;
        }
        DynamoDbSubscriptionRepository repository =
                new DynamoDbSubscriptionRepository(
                        stack.dynamo(), stack.physicalId("SubscriptionsTable"));
        // Keyed with the stack's own pepper, so the functions find these readers under their ids.
        AddressKeys keys = new AddressKeys(Pepper.of(stack.secretValue("PepperSecret")));
        int seeded = 0;
        for (JsonNode reader : Json.read(Files.readString(file))) {
            EmailAddress address =
                    EmailAddress.parse(reader.path("email").asText())
                            .orElseThrow(
                                    () ->
                                            new IllegalStateException(
                                                    "A sample reader in " + file + " is invalid"));
            for (JsonNode newsletter : reader.path("newsletters")) {
                Instant now = Instant.now();
                repository.requestPending(
                        keys.id(address),
                        address,
                        newsletter.asText(),
                        new Consent("api", "local/sample/readers.json", now),
                        now,
                        now.plus(Duration.ofDays(7)));
                repository.confirm(keys.id(address), newsletter.asText(), now);
            }
            seeded++;
        }
        return seeded;
    }
}
