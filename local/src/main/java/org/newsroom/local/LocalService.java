package org.newsroom.local;

/**
 * Something the local stack runs beside the HTTP API to emulate an AWS event source, such as the
 * poller that feeds a table's stream to a function the way an event source mapping does.
 */
interface LocalService extends AutoCloseable {

    void start();

    @Override
    void close();
}
