package org.newsroom.articles.read;

import java.time.Clock;
import org.newsroom.articles.DynamoDbArticleRepository;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.log.Log;

/**
 * The read handler's collaborators as deployed, in the order its test constructor takes them. Built
 * once per container, from the settings, so the handler itself never sees an SDK client. The cursor
 * key is read from Secrets Manager on first use and cached, never at construction.
 */
record ArticlesReadDependencies(
        ArticleReader reader,
        CursorCodec cursors,
        ArticlesReadSettings settings,
        Clock clock,
        Log log) {

    static ArticlesReadDependencies create(ArticlesReadSettings settings) {
        return new ArticlesReadDependencies(
                new ArticleReader(
                        new DynamoDbArticleRepository(
                                AwsClients.dynamoDb(), settings.articlesTable())),
                new CursorCodec(settings.cursorKey().openInSecretsManager(CursorCodec::parseKey)),
                settings,
                Clock.systemUTC(),
                new Log("articles-read"));
    }
}
