package org.newsroom.newsletters.mailer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.newsroom.subscriptions.Newsletter;

class ConfirmationEmailTest {

    private static final Newsletter HOSTILE =
            new Newsletter(
                    "daily-briefing",
                    "<script>alert(1)</script> & \"Daily\"",
                    "Fresh <b>news</b>",
                    "Weekdays",
                    true,
                    1);

    @Test
    void render_shouldEscapeNamesInTheHtmlPart_andKeepThemReadableInTheText() {
        ConfirmationEmail email =
                ConfirmationEmail.render(
                        "The <Ledger>",
                        List.of(HOSTILE),
                        "https://api.example.org/subscriptions/confirm?token=a.b.c",
                        "https://api.example.org/unsubscribe?token=d.e.f",
                        48);
        assertFalse(email.html().contains("<script>"));
        assertTrue(
                email.html()
                        .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Daily&quot;"));
        assertTrue(email.html().contains("The &lt;Ledger&gt;"));
        assertTrue(email.text().contains("<script>alert(1)</script> & \"Daily\" (Weekdays)"));
        assertTrue(
                email.text().contains("https://api.example.org/subscriptions/confirm?token=a.b.c"));
        // '=' is entity-encoded inside the attribute, which every HTML reader decodes back.
        assertTrue(
                email.html()
                        .contains("href=\"https://api.example.org/unsubscribe?token&#x3D;d.e.f\""));
        assertTrue(email.text().contains("within 48 hours"));
    }

    @Test
    void render_shouldNameTheNewsletterInTheSubject_whenThereIsOne() {
        ConfirmationEmail one =
                ConfirmationEmail.render(
                        "Ledger",
                        List.of(HOSTILE),
                        "https://x.example/c",
                        "https://x.example/u",
                        48);
        assertTrue(one.subject().contains(HOSTILE.name()));
        ConfirmationEmail two =
                ConfirmationEmail.render(
                        "Ledger",
                        List.of(
                                HOSTILE,
                                new Newsletter("city-hall", "City Hall", "", "", false, 2)),
                        "https://x.example/c",
                        "https://x.example/u",
                        48);
        assertEquals("Please confirm your subscriptions to Ledger newsletters", two.subject());
    }
}
