package org.newsroom.memberships.gifts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.newsroom.mail.Email;
import org.newsroom.memberships.Gift;

class GiftEmailsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final String FROM = "\"The Ledger\" <news@example.org>";
    private final GiftEmails emails =
            new GiftEmails(FROM, "The Ledger", "https://example.org/gift?a=1&b=2");

    private static Gift gift() {
        return Gift.builder("pi_1", Gift.State.PAID, NOW)
                .buyerEmail("buyer@example.org")
                .recipientEmail("friend@example.org")
                .recipientName("Sam <b>")
                .message("Line one & <i>two</i>\nLine \"three\"")
                .deliverOn(LocalDate.parse("2026-12-24"))
                .expiresAt(Instant.parse("2027-12-24T00:00:00Z"))
                .build();
    }

    @Test
    void recipient_shouldCarryTheCodeInBothParts_andTheMessageVerbatimInText() {
        Email email = emails.recipient(gift(), "7KQ2M-XW9TD-H3NPV-4RZ8B");
        assertEquals(FROM, email.from());
        assertEquals("friend@example.org", email.to());
        assertEquals("A gift membership of The Ledger for you", email.subject());
        assertEquals(
                "Hello Sam <b>,\n\nSomeone has given you a year's membership of The Ledger.\n\n"
                        + "Their message:\nLine one & <i>two</i>\nLine \"three\"\n\n"
                        + "Your gift code: 7KQ2M-XW9TD-H3NPV-4RZ8B\n"
                        + "Redeem it at https://example.org/gift?a=1&b=2 before 24 December 2027.\n",
                email.text());
        assertTrue(email.html().contains("<strong>7KQ2M-XW9TD-H3NPV-4RZ8B</strong>"));
    }

    @Test
    void recipient_shouldEscapeEverythingTheBuyerTyped_inHtml() {
        String html = emails.recipient(gift(), "7KQ2M-XW9TD-H3NPV-4RZ8B").html();
        assertTrue(html.contains("<p>Hello Sam &lt;b&gt;,</p>"));
        assertTrue(
                html.contains(
                        "Line one &amp; &lt;i&gt;two&lt;/i&gt;<br>Line &quot;three&quot;</blockquote>"));
        assertTrue(html.contains("href=\"https://example.org/gift?a&#x3D;1&amp;b&#x3D;2\""));
        assertFalse(html.contains("<i>"));
    }

    @Test
    void recipient_shouldLeaveTheMessageOut_whenThereIsNone() {
        Gift plain =
                Gift.builder("pi_1", Gift.State.PAID, NOW)
                        .recipientEmail("friend@example.org")
                        .build();
        Email email = emails.recipient(plain, "7KQ2M-XW9TD-H3NPV-4RZ8B");
        assertEquals(
                "Hello,\n\nSomeone has given you a year's membership of The Ledger.\n\n"
                        + "Your gift code: 7KQ2M-XW9TD-H3NPV-4RZ8B\nRedeem it at https://example.org/gift?a=1&b=2 before .\n",
                email.text());
        assertFalse(email.html().contains("blockquote"));
    }

    @Test
    void receipt_shouldNeverContainTheCode_andKeepTheBuyersTextOutOfHeaders() {
        Email email = emails.receipt(gift());
        assertEquals("buyer@example.org", email.to());
        assertEquals("Your gift membership of The Ledger", email.subject());
        assertEquals(
                "Thank you for giving a membership of The Ledger.\n\n"
                        + "We will email Sam <b> their gift code on 24 December 2026.\n"
                        + "Your support keeps our journalism free to read.\n",
                email.text());
        assertTrue(
                email.html()
                        .contains(
                                "We will email Sam &lt;b&gt; their gift code on 24 December 2026."));
        assertTrue(email.headers().isEmpty());
    }

    @Test
    void subject_shouldStripLineBreaksFromThePublicationName() {
        GiftEmails broken = new GiftEmails(FROM, "The\r\nLedger", "https://example.org/gift");
        assertEquals("Your gift membership of The Ledger", broken.receipt(gift()).subject());
    }

    @Test
    void recipient_shouldNotMakeLinksOfTheMessage_inHtml_andKeepItVerbatimInText() {
        String message = "See https://evil.example/x or www.evil.example, write to me@evil.example";
        Gift gift = gift().toBuilder().message(message).build();

        Email email = emails.recipient(gift, "7KQ2M-XW9TD-H3NPV-4RZ8B");

        assertTrue(email.text().contains(message));
        String html = email.html();
        assertFalse(html.contains("https://evil"), "no scheme a link detector would take");
        assertFalse(html.contains("www.evil"));
        assertFalse(html.contains("evil.example"));
        assertFalse(html.contains("me@evil"));
        assertEquals(1, html.split("<a ", -1).length - 1, "the redeem link is the only link");
        assertEquals(
                message,
                html.substring(html.indexOf("See https"), html.indexOf("</blockquote>"))
                        .replace("\u200B", ""));
    }

    @Test
    void addressRequest_shouldGoToTheBuyer_withTheReference_andNeitherAddress() {
        Email email = emails.addressRequest(gift());

        assertEquals("buyer@example.org", email.to());
        assertTrue(email.text().contains("pi_1"));
        assertTrue(email.html().contains("Sam &lt;b&gt;"));
        assertFalse(email.text().contains("friend@example.org"));
        assertFalse(email.html().contains("code:"));
    }

    @Test
    void day_shouldWriteEveryDateAsTheEnglishFormatterDoes() {
        // GIVEN the formatter the emails used before, as the reference
        DateTimeFormatter reference = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
        // WHEN/THEN every day of the years around now, and random days far before and after
        for (LocalDate d = LocalDate.of(2024, 1, 1);
                d.isBefore(LocalDate.of(2032, 1, 1));
                d = d.plusDays(1)) {
            assertEquals(reference.format(d), GiftEmails.day(d));
        }
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            LocalDate d = LocalDate.ofEpochDay(random.nextLong(-8_000_000L, 40_000_000L));
            assertEquals(reference.format(d), GiftEmails.day(d), d::toString);
        }
        for (int year : new int[] {-10000, -9999, -1, 0, 1, 9, 999, 1000, 9999, 10000, 99999}) {
            LocalDate d = LocalDate.of(year, 3, 7);
            assertEquals(reference.format(d), GiftEmails.day(d), d::toString);
        }
    }
}
