package org.newsroom.subscriptions;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfirmationEmailTest {

    private static final Newsletter HOSTILE = new Newsletter("daily-briefing", "<script>alert(1)</script> & \"Daily\"",
            "Fresh <b>news</b>", "Weekdays", true, 1);

    @Test
    void render_shouldEscapeNamesInTheHtmlPart_andKeepThemReadableInTheText() {
        ConfirmationEmail email = ConfirmationEmail.render("The <Ledger>", List.of(HOSTILE),
                "https://api.example.org/subscriptions/confirm?token=a.b.c", "https://api.example.org/unsubscribe?token=d.e.f", 48);
        assertFalse(email.html().contains("<script>"));
        assertTrue(email.html().contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Daily&quot;"));
        assertTrue(email.html().contains("The &lt;Ledger&gt;"));
        assertTrue(email.text().contains("<script>alert(1)</script> & \"Daily\" (Weekdays)"));
        assertTrue(email.text().contains("https://api.example.org/subscriptions/confirm?token=a.b.c"));
        // '=' is entity-encoded inside the attribute, which every HTML reader decodes back.
        assertTrue(email.html().contains("href=\"https://api.example.org/unsubscribe?token&#x3D;d.e.f\""));
        assertTrue(email.text().contains("within 48 hours"));
    }

    @Test
    void render_shouldNameTheNewsletterInTheSubject_whenThereIsOne() {
        ConfirmationEmail one = ConfirmationEmail.render("Ledger", List.of(HOSTILE), "https://x.example/c", "https://x.example/u", 48);
        assertTrue(one.subject().contains(HOSTILE.name()));
        ConfirmationEmail two = ConfirmationEmail.render("Ledger",
                List.of(HOSTILE, new Newsletter("city-hall", "City Hall", "", "", false, 2)), "https://x.example/c", "https://x.example/u", 48);
        assertEquals("Please confirm your subscriptions to Ledger newsletters", two.subject());
    }

    @Test
    void build_shouldCarryOneClickUnsubscribeHeaders_andBothParts() {
        byte[] raw = RawEmail.build(RawEmail.mailbox("The Ledger", "news@example.org"), "reader@example.org", "Bitte bestätigen",
                "text body", "<p>html body</p>",
                Map.of("List-Unsubscribe", "<https://api.example.org/unsubscribe?token=t>", "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                ZonedDateTime.parse("2026-11-26T09:30:00Z"));
        String message = new String(raw, StandardCharsets.US_ASCII);
        assertTrue(message.contains("From: \"The Ledger\" <news@example.org>\r\n"));
        assertTrue(message.contains("To: reader@example.org\r\n"));
        assertTrue(message.contains("Subject: =?UTF-8?B?" + Base64.getEncoder().encodeToString("Bitte bestätigen".getBytes(StandardCharsets.UTF_8)) + "?=\r\n"));
        assertTrue(message.contains("List-Unsubscribe: <https://api.example.org/unsubscribe?token=t>\r\n"));
        assertTrue(message.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"));
        assertTrue(message.contains("Content-Type: text/plain; charset=UTF-8"));
        assertTrue(message.contains(Base64.getEncoder().encodeToString("<p>html body</p>".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void build_shouldRefuseHeaderValuesWithLineBreaks() {
        assertThrows(IllegalArgumentException.class, () -> RawEmail.build("news@example.org", "a@example.org\r\nBcc: b@example.org",
                "s", "t", "h", Map.of(), ZonedDateTime.parse("2026-11-26T09:30:00Z")));
    }
}
