package org.newsroom.issues;

import java.time.Duration;
import java.util.List;

/** The queue that feeds the issue sender. */
public interface SendQueue {

    /** Longest delay the queue supports (SQS: 15 minutes). */
    Duration MAX_DELAY = Duration.ofMinutes(15);

    /**
     * Enqueues one job, delivered no sooner than {@code delay} from now (capped at {@link
     * #MAX_DELAY}).
     */
    void send(SendJob job, Duration delay);

    /** Enqueues jobs in as few calls as the queue allows. */
    void sendAll(List<SendJob> jobs);
}
