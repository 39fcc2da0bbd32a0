package org.newsroom.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;
import org.newsroom.subscriptions.DynamoDbNewsletterCatalogue;
import org.newsroom.subscriptions.Newsletter;

/**
 * Seeds the newsletter catalogue from {@code local/sample/newsletters.json}, the way an operator
 * adds newsletters: as items of the catalogue table, no code involved. Idempotent.
 */
public final class SampleNewsletters {

    private SampleNewsletters() {}

    public static int load(Path root, LocalStack stack) throws IOException {
        Path file = root.resolve("local/sample/newsletters.json");
        if (!Files.exists(file)) {
            return 0;
        }
        DynamoDbNewsletterCatalogue catalogue =
                new DynamoDbNewsletterCatalogue(
                        stack.dynamo(), stack.physicalId("NewslettersTable"));
        JsonNode list = Json.read(Files.readString(file));
        int position = 0;
        for (JsonNode item : list) {
            catalogue.put(
                    new Newsletter(
                            item.path("id").asText(),
                            item.path("name").asText(),
                            item.path("description").asText(""),
                            item.path("cadence").asText(""),
                            item.path("default").asBoolean(false),
                            ++position));
        }
        return position;
    }
}
