package org.newsroom.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void portTaken_shouldNameThePort_whenSomethingListensThere() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            String message = Main.portTaken("127.0.0.1", port).orElseThrow();
            assertTrue(message.contains("port " + port), message);
            assertEquals(-1, message.indexOf('\n'), "one line");
        }
    }

    @Test
    void portTaken_shouldBeEmpty_forAFreePort() {
        int free = Emulator.freePort();
        assertEquals(Optional.empty(), Main.portTaken("127.0.0.1", free));
    }

    @Test
    void apiServer_shouldTurnOnTcpNoDelay_beforeItsFirstServer() throws Exception {
        Class.forName("org.newsroom.local.ApiServer");
        assertEquals("true", System.getProperty("sun.net.httpserver.nodelay"));
    }
}
