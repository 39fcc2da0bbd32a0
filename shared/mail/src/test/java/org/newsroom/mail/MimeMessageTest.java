package org.newsroom.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class MimeMessageTest {

    @Test
    void build_shouldCarryOneClickUnsubscribeHeaders_andBothParts() {
        Email email =
                Email.of(
                                MimeMessage.mailbox("The Ledger", "news@example.org"),
                                "reader@example.org",
                                "Bitte bestätigen",
                                "text body",
                                "<p>html body</p>")
                        .withOneClickUnsubscribe("https://api.example.org/unsubscribe?token=t");
        byte[] raw = MimeMessage.build(email, ZonedDateTime.parse("2026-11-26T09:30:00Z"));
        String message = new String(raw, StandardCharsets.US_ASCII);
        assertTrue(message.contains("From: \"The Ledger\" <news@example.org>\r\n"));
        assertTrue(message.contains("To: reader@example.org\r\n"));
        assertTrue(
                message.contains(
                        "Subject: =?UTF-8?B?"
                                + Base64.getEncoder()
                                        .encodeToString(
                                                "Bitte bestätigen".getBytes(StandardCharsets.UTF_8))
                                + "?=\r\n"));
        assertTrue(
                message.contains(
                        "List-Unsubscribe: <https://api.example.org/unsubscribe?token=t>\r\n"));
        assertTrue(message.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"));
        assertTrue(message.contains("Content-Type: text/plain; charset=UTF-8"));
        assertTrue(
                message.contains(
                        Base64.getEncoder()
                                .encodeToString(
                                        "<p>html body</p>".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void build_shouldRefuseHeaderValuesWithLineBreaks() {
        Email injected =
                Email.of("news@example.org", "a@example.org\r\nBcc: b@example.org", "s", "t", "h");
        assertThrows(
                IllegalArgumentException.class,
                () -> MimeMessage.build(injected, ZonedDateTime.parse("2026-11-26T09:30:00Z")));
    }

    @Test
    void mailbox_shouldQuoteAsciiNames_andEncodeOthers() {
        assertEquals(
                "\"The \\\"Ledger\\\"\" <news@example.org>",
                MimeMessage.mailbox("The \"Ledger\"", "news@example.org"));
        assertTrue(
                MimeMessage.mailbox("Café Zeitung", "news@example.org").startsWith("=?UTF-8?B?"));
        assertEquals("news@example.org", MimeMessage.mailbox(" ", "news@example.org"));
    }

    @Test
    void toString_shouldNotShowTheRecipient() {
        assertFalse(
                Email.of("a@example.org", "reader@example.org", "s", "t", "h")
                        .toString()
                        .contains("reader@"));
    }
}
