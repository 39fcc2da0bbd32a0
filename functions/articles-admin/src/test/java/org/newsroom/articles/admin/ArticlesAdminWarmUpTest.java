package org.newsroom.articles.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArticlesAdminWarmUpTest {

    @Test
    void run_shouldAcceptTheSample_soTheCleanerRunsAsOnARealSave() {
        // An invalid sample would stop at validation and leave the sanitiser unloaded.
        ArticleInput.Result result = ArticlesAdminWarmUp.run();

        assertEquals(List.of(), result.errors());
        assertTrue(
                result.article().body().contains("rel=\"noopener noreferrer\""),
                result.article().body());
    }

    @Test
    void start_shouldRunOnADaemonThread_thatEnds() throws InterruptedException {
        Thread thread = ArticlesAdminWarmUp.start();

        assertTrue(thread.isDaemon());
        thread.join();
        assertFalse(thread.isAlive());
    }
}
