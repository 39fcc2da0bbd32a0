package org.newsroom.newsletters.sending;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.newsroom.core.crypto.Pepper;
import org.newsroom.core.email.AddressKeys;
import org.newsroom.core.log.Metrics;
import org.newsroom.issues.Issue;
import org.newsroom.issues.IssueContent;
import org.newsroom.issues.IssueCounts;
import org.newsroom.issues.IssueRepository;
import org.newsroom.issues.IssueStatus;
import org.newsroom.issues.SendQueue;
import org.newsroom.mail.MailSender;
import org.newsroom.mail.MailSettings;
import org.newsroom.subscriptions.ConfirmedReaders;
import org.newsroom.subscriptions.LinkTokens;
import org.newsroom.subscriptions.TokenKeyRing;

/**
 * The issue sender as the unit tests build it, readers' deliveries and test copies alike: fixed
 * clock, test keys and settings, the collaborators the test gives.
 */
final class SenderFixtures {

    static final Instant NOW = Instant.parse("2026-12-01T07:00:00Z");
    static final String LINK_BASE = "https://api.example.org";
    static final AddressKeys ADDRESS_KEYS =
            new AddressKeys(Pepper.of("sender-test-pepper-0123456789abcdefghij"));
    static final LinkTokens TOKENS =
            new LinkTokens(
                    TokenKeyRing.parse(
                            "TOKEN_KEYS",
                            "{\"current\":\"k1\",\"k1\":\"unit-test-key-0123456789-0123456789\"}"),
                    Duration.ofHours(48));
    static final IssueContent CONTENT = new IssueContent("Tuesday", "", "<p>Hi</p>", "Hi");

    private SenderFixtures() {}

    /** The sender at {@link #NOW}, writing its metric lines to {@code metricLines}. */
    static IssueSender sender(
            IssueRepository issues,
            ConfirmedReaders readers,
            SendQueue queue,
            MailSender mail,
            ByteArrayOutputStream metricLines) {
        MailSettings mailSettings =
                new MailSettings("newsletters@newsroom.example", "The Ledger", "newsroom");
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Metrics metrics =
                new Metrics(
                        "issue-sender",
                        new PrintStream(metricLines, true, StandardCharsets.UTF_8),
                        clock);
        Duration claimLease = Duration.ofMinutes(2);
        return new IssueSender(
                issues,
                readers,
                queue,
                mail,
                mailSettings,
                TOKENS,
                LINK_BASE,
                5,
                claimLease,
                clock,
                metrics,
                new TestCopySender(
                        issues,
                        mail,
                        mailSettings,
                        TOKENS,
                        ADDRESS_KEYS,
                        LINK_BASE,
                        claimLease,
                        clock,
                        metrics));
    }

    /** A draft of "The Daily Briefing" created at {@link #NOW}. */
    static Issue draft(String newsletter, String issueId) {
        return new Issue(
                newsletter,
                issueId,
                "The Daily Briefing",
                "Tuesday",
                IssueStatus.DRAFT,
                NOW,
                NOW,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                IssueCounts.NONE,
                0,
                false);
    }
}
