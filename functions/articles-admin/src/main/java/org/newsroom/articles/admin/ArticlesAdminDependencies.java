package org.newsroom.articles.admin;

import java.time.Clock;
import org.newsroom.articles.ArticleRepository;
import org.newsroom.articles.DynamoDbArticleRepository;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.log.Log;
import org.newsroom.core.log.Metrics;

/**
 * The admin handler's collaborators as deployed, in the order its test constructor takes them.
 * Built once per container, from the settings, so the handler itself never sees an SDK client.
 */
record ArticlesAdminDependencies(
        ArticleRepository repository, Clock clock, Log log, Metrics metrics) {

    static ArticlesAdminDependencies create(ArticlesAdminSettings settings) {
        // Before the client, the slowest part of a cold start, so the two load side by side.
        ArticlesAdminWarmUp.start();
        return new ArticlesAdminDependencies(
                new DynamoDbArticleRepository(AwsClients.dynamoDb(), settings.articlesTable()),
                Clock.systemUTC(),
                new Log("articles-admin"),
                new Metrics("articles-admin"));
    }
}
