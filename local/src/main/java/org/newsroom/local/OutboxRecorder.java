package org.newsroom.local;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendEmailResponse;

/**
 * Keeps a copy of every email an SES v2 client of this JVM handed to an emulator and had accepted,
 * per emulator. The integration tests register it through the SDK's global interceptors file, so
 * {@link Outbox} answers them from memory: the emulator's state dump, its only other way to show
 * sent mail, serialises every item of every table and slows the emulator for everyone while the
 * tests poll. {@code make run} and {@code make bench} never load it.
 */
public final class OutboxRecorder implements ExecutionInterceptor {

    private static final Map<String, List<Outbox.Email>> SENT = new ConcurrentHashMap<>();
    private static volatile boolean installed;

    public OutboxRecorder() {
        installed = true;
    }

    /** Whether the SDK has built this interceptor into a client of this JVM. */
    static boolean installed() {
        return installed;
    }

    /** What was sent through the emulator at {@code emulator}, oldest first. */
    static List<Outbox.Email> sentThrough(URI emulator) {
        List<Outbox.Email> sent = SENT.get(key(emulator.getHost(), emulator.getPort()));
        if (sent == null) {
            return List.of();
        }
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof SendEmailRequest request)
                || !(context.response() instanceof SendEmailResponse response)
                || request.content() == null
                || request.content().raw() == null) {
            return;
        }
        Outbox.Email email =
                Outbox.parseRaw(
                        response.messageId(),
                        request.fromEmailAddress() == null ? "" : request.fromEmailAddress(),
                        request.content().raw().data().asUtf8String());
        String key = key(context.httpRequest().host(), context.httpRequest().port());
        SENT.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>())).add(email);
    }

    private static String key(String host, int port) {
        return ("localhost".equals(host) ? "127.0.0.1" : host) + ":" + port;
    }
}
