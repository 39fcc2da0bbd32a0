package org.newsroom.local;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The admin function trusts a refresh of a story's listing articles only when it began {@code
 * ArticleEditor.SETTLED} after the story's summary changed: by then every save or refresh that
 * could still hold the old summary has ended, because each ends within the function's timeout of
 * its start, and each started before the change committed (within a timeout of the change). So the
 * window must cover two timeouts, with room for the listing index's replication; raising the
 * function's timeout in the template without it fails here.
 */
class RelatedRefreshWindowTest {

    /** Room, beyond two timeouts, for the eventually consistent listing index. */
    private static final Duration INDEX_ROOM = Duration.ofSeconds(30);

    @Test
    void settledWindow_shouldCoverTwoAdminTimeouts_andTheIndexRoom() throws Exception {
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path root = Files.exists(here.resolve("template.yaml")) ? here : here.getParent();
        StackModel model = StackModel.load(root, Map.of());
        Object own =
                Template.map(
                                Template.map(
                                                model.template()
                                                        .resources()
                                                        .get("ArticlesAdminFunction"))
                                        .get("Properties"))
                        .get("Timeout");
        Object timeout = own != null ? own : model.template().functionGlobals().get("Timeout");
        Duration functionTimeout = Duration.ofSeconds(Integer.parseInt(String.valueOf(timeout)));

        Field field =
                Class.forName("org.newsroom.articles.admin.ArticleEditor")
                        .getDeclaredField("SETTLED");
        field.setAccessible(true);
        Duration settled = (Duration) field.get(null);

        assertTrue(
                settled.compareTo(functionTimeout.multipliedBy(2).plus(INDEX_ROOM)) >= 0,
                "ArticleEditor.SETTLED " + settled + " against a timeout of " + functionTimeout);
    }
}
