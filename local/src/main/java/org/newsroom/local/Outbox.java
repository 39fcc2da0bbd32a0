package org.newsroom.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newsroom.core.json.Json;
import org.newsroom.core.json.JsonNode;

/**
 * The emails the emulator's SES accepted, decoded: a page at {@code /_local/outbox} where a
 * newcomer clicks the confirmation link, and a list the integration tests read.
 */
public final class Outbox {

    /** One sent email. Raw messages keep every header; simple ones only subject and HTML. */
    public record Email(
            String id,
            String from,
            List<String> to,
            String subject,
            Map<String, String> headers,
            String text,
            String html) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>]+");

    private final URI emulator;

    Outbox(URI emulator) {
        this.emulator = emulator;
    }

    /** Every email sent so far, oldest first. */
    public List<Email> messages() {
        // The emulator the local stack starts keeps its own outbox (serve_moto.py); one started
        // some other way has only its state dump.
        JsonNode kept;
        try (InputStream in = emulator.resolve("/_newsroom/outbox").toURL().openStream()) {
            kept = Json.read(in);
        } catch (FileNotFoundException notOurs) {
            return fromStateDump();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot read the emulator's outbox: " + e.getMessage(), e);
        }
        List<Email> emails = new ArrayList<>();
        for (JsonNode m : kept) {
            emails.add(
                    parseRaw(
                            m.path("id").asText(),
                            m.path("from").asText(),
                            new String(
                                    Base64.getDecoder().decode(m.path("raw").asText()),
                                    StandardCharsets.UTF_8)));
        }
        return emails;
    }

    private List<Email> fromStateDump() {
        JsonNode ses;
        try (InputStream in = emulator.resolve("/moto-api/data.json").toURL().openStream()) {
            ses = Json.read(in).path("ses");
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot read the emulator's state: " + e.getMessage(), e);
        }
        List<Email> emails = new ArrayList<>();
        for (JsonNode m : ses.path("Message")) {
            List<String> to = new ArrayList<>();
            m.path("destinations").path("ToAddresses").forEach(a -> to.add(a.asText()));
            emails.add(
                    new Email(
                            m.path("id").asText(),
                            m.path("source").asText(),
                            to,
                            m.path("subject").asText(),
                            Map.of(),
                            "",
                            m.path("body").asText()));
        }
        for (JsonNode m : ses.path("RawMessage")) {
            emails.add(
                    parseRaw(
                            m.path("id").asText(),
                            m.path("source").asText(),
                            m.path("raw_data").asText()));
        }
        return emails;
    }

    /** The emails sent to one address. */
    public List<Email> to(String address) {
        return messages().stream()
                .filter(e -> e.to().stream().anyMatch(address::equalsIgnoreCase))
                .toList();
    }

    static Email parseRaw(String id, String source, String raw) {
        Part message = Part.parse(raw);
        List<String> to = new ArrayList<>();
        for (String address : message.headers.getOrDefault("to", "").split(",")) {
            String trimmed = address.trim();
            int lt = trimmed.indexOf('<');
            if (lt >= 0 && trimmed.endsWith(">")) {
                trimmed = trimmed.substring(lt + 1, trimmed.length() - 1);
            }
            if (!trimmed.isEmpty()) {
                to.add(trimmed);
            }
        }
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        message.collect(text, html);
        return new Email(
                id,
                message.headers.getOrDefault("from", source),
                to,
                decodeHeader(message.headers.getOrDefault("subject", "")),
                message.headers,
                text.toString(),
                html.toString());
    }

    /** RFC 2047 encoded words (=?utf-8?B?...?= and =?utf-8?Q?...?=) in a header. */
    static String decodeHeader(String value) {
        Matcher m = Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Charset charset = Charset.forName(m.group(1));
            byte[] bytes =
                    m.group(2).equalsIgnoreCase("B")
                            ? Base64.getMimeDecoder().decode(m.group(3))
                            : quotedPrintable(m.group(3).replace('_', ' '));
            m.appendReplacement(out, Matcher.quoteReplacement(new String(bytes, charset)));
        }
        m.appendTail(out);
        return out.toString().replaceAll("\\?=\\s+=\\?", "?==?");
    }

    static byte[] quotedPrintable(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        String joined = text.replace("=\r\n", "").replace("=\n", "");
        for (int i = 0; i < joined.length(); i++) {
            char c = joined.charAt(i);
            if (c == '=' && i + 2 < joined.length()) {
                out.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    /** A MIME entity: headers (lower-cased names, unfolded) and a body or sub-parts. */
    private static final class Part {
        final Map<String, String> headers = new LinkedHashMap<>();
        String body = "";
        final List<Part> parts = new ArrayList<>();

        static Part parse(String raw) {
            Part part = new Part();
            String normalised = raw.replace("\r\n", "\n");
            int split = normalised.indexOf("\n\n");
            String head = split < 0 ? normalised : normalised.substring(0, split);
            String body = split < 0 ? "" : normalised.substring(split + 2);
            String current = null;
            for (String line : head.split("\n")) {
                if ((line.startsWith(" ") || line.startsWith("\t")) && current != null) {
                    part.headers.merge(current, " " + line.trim(), String::concat);
                } else {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        current = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                        part.headers.put(current, line.substring(colon + 1).trim());
                    }
                }
            }
            String type = part.headers.getOrDefault("content-type", "text/plain");
            Matcher boundary =
                    Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE)
                            .matcher(type);
            if (type.toLowerCase(Locale.ROOT).startsWith("multipart/") && boundary.find()) {
                String marker = "--" + boundary.group(1);
                String[] chunks = body.split(Pattern.quote(marker));
                for (int i = 1; i < chunks.length; i++) {
                    String chunk = chunks[i];
                    if (chunk.startsWith("--")) {
                        break;
                    }
                    part.parts.add(parse(chunk.replaceFirst("^\n", "")));
                }
            } else {
                part.body =
                        decodeBody(
                                body,
                                part.headers.getOrDefault("content-transfer-encoding", "7bit"),
                                type);
            }
            return part;
        }

        void collect(StringBuilder text, StringBuilder html) {
            if (!parts.isEmpty()) {
                parts.forEach(p -> p.collect(text, html));
                return;
            }
            String type =
                    headers.getOrDefault("content-type", "text/plain").toLowerCase(Locale.ROOT);
            if (type.startsWith("text/html")) {
                html.append(body);
            } else if (type.startsWith("text/plain")) {
                text.append(body);
            }
        }

        private static String decodeBody(String body, String encoding, String type) {
            Matcher cs =
                    Pattern.compile("charset=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE)
                            .matcher(type);
            Charset charset = cs.find() ? Charset.forName(cs.group(1)) : StandardCharsets.UTF_8;
            return switch (encoding.toLowerCase(Locale.ROOT)) {
                case "base64" -> new String(Base64.getMimeDecoder().decode(body.trim()), charset);
                case "quoted-printable" -> new String(quotedPrintable(body), charset);
                default -> body;
            };
        }
    }

    /**
     * The local page: newest first, links clickable, the HTML version shown in a sandboxed frame.
     */
    void page(HttpExchange exchange) throws IOException {
        List<Email> emails = new ArrayList<>(messages());
        java.util.Collections.reverse(emails);
        StringBuilder html =
                new StringBuilder(
                        """
                <!doctype html><html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Local outbox</title><style>
                body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#1a1a1a}
                article{border:1px solid #ccc;border-radius:6px;padding:1rem;margin:1rem 0}
                pre{white-space:pre-wrap;background:#f6f6f6;padding:.75rem;overflow-wrap:anywhere}
                iframe{width:100%;height:22rem;border:1px solid #ddd}
                dt{font-weight:600}</style></head><body>
                <h1>Local outbox</h1><p>Emails the local SES accepted (newest first). Nothing here left this machine.</p>
                """);
        if (emails.isEmpty()) {
            html.append("<p>No emails yet. Sign up on the demo page and reload.</p>");
        }
        for (Email email : emails) {
            html.append("<article><h2>")
                    .append(escape(email.subject()))
                    .append("</h2><dl>")
                    .append("<dt>From</dt><dd>")
                    .append(escape(email.from()))
                    .append("</dd>")
                    .append("<dt>To</dt><dd>")
                    .append(escape(String.join(", ", email.to())))
                    .append("</dd>");
            String unsubscribe = email.header("list-unsubscribe");
            if (unsubscribe != null) {
                html.append("<dt>List-Unsubscribe</dt><dd>")
                        .append(escape(unsubscribe))
                        .append("</dd>");
            }
            html.append("</dl>");
            if (!email.text().isEmpty()) {
                html.append("<pre>").append(linkify(escape(email.text()))).append("</pre>");
            }
            if (!email.html().isEmpty()) {
                html.append(
                                "<iframe sandbox=\"allow-popups allow-popups-to-escape-sandbox\" title=\"HTML version\" srcdoc=\"")
                        .append(escape(email.html().replace("<a ", "<a target=\"_blank\" ")))
                        .append("\"></iframe>");
            }
            html.append("</article>");
        }
        html.append("</body></html>");
        byte[] bytes = html.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(bytes);
        }
    }

    private static String linkify(String escaped) {
        return URL.matcher(escaped)
                .replaceAll(
                        m ->
                                "<a href=\""
                                        + m.group()
                                        + "\" target=\"_blank\">"
                                        + m.group()
                                        + "</a>");
    }

    static String escape(String value) {
        return value.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
