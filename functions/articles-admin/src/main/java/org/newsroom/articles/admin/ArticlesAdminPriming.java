package org.newsroom.articles.admin;

import java.util.Map;
import org.newsroom.core.aws.AwsClients;
import org.newsroom.core.config.Config;
import org.newsroom.core.priming.Priming;

/**
 * SnapStart priming of articles-admin (see {@link Priming}): a save with an empty article (refused
 * 400 by validation, nothing written), then a GetItem of a key no article has.
 */
final class ArticlesAdminPriming {

    private ArticlesAdminPriming() {}

    /** Registers the priming of {@code handler}, built by Lambda from {@code environment}. */
    static void register(ArticlesAdminHandler handler, Map<String, String> environment) {
        Priming.register(
                "articles-admin",
                () -> {
                    Priming.http(
                            handler,
                            "PUT /articles/{slug}",
                            "/articles/snapstart-priming",
                            Map.of("slug", "snapstart-priming"),
                            "{}");
                    Priming.readMissingItem(
                            AwsClients.dynamoDb(),
                            ArticlesAdminSettings.from(Config.from(environment)).articlesTable());
                });
    }
}
