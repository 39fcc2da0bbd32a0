package org.newsroom.newsletters.issues;

import java.time.Duration;
import java.util.Optional;
import org.newsroom.core.config.Config;

/**
 * Everything the issues API reads from its environment, checked once at start-up. It sends no email
 * and reads no secret: test copies go through the send queue to the issue sender.
 *
 * @param sendQueueUrl the queue the issue sender consumes (sends and test copies)
 * @param publisherName the newsroom's name on the public web version of an issue ({@code
 *     PUBLISHER_NAME})
 * @param publicApiUrl base of the issues' public links ({@code webUrl}); empty: the request's host
 */
public record NewsletterIssuesSettings(
        String issuesTable,
        String newslettersTable,
        String sendQueueUrl,
        String publisherName,
        Optional<String> publicApiUrl) {

    static final Duration CATALOGUE_CACHE = Duration.ofMinutes(1);

    public static NewsletterIssuesSettings from(Config config) {
        return new NewsletterIssuesSettings(
                config.require("ISSUES_TABLE"),
                config.require("NEWSLETTERS_TABLE"),
                config.require("SEND_QUEUE_URL"),
                config.require("PUBLISHER_NAME"),
                config.optional("PUBLIC_API_URL")
                        .filter(u -> !u.isBlank())
                        .map(u -> config.requireUrl("PUBLIC_API_URL").toString()));
    }
}
