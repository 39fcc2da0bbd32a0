package org.newsroom.memberships;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import org.newsroom.core.config.Config;
import org.newsroom.core.config.ConfigException;

/**
 * A membership campaign ("Goal: 1,000 new members for our birthday"): memberships started in {@code
 * [startsAt, endsAt)} count as the campaign's new members.
 */
public record Campaign(String id, String title, long goal, Instant startsAt, Instant endsAt) {

    public Campaign {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException(
                    "A campaign id uses letters, digits, '-' and '_' only");
        }
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("A campaign must end after it starts");
        }
    }

    /** Whether a membership started at this instant counts for the campaign. */
    public boolean contains(Instant startedAt) {
        return !startedAt.isBefore(startsAt) && startedAt.isBefore(endsAt);
    }

    /** The counter that holds this campaign's new members. */
    public String counterName() {
        return "campaign:" + id;
    }

    /**
     * The campaign from {@code CAMPAIGN_ID}, {@code CAMPAIGN_TITLE}, {@code CAMPAIGN_GOAL} (default
     * 1000), {@code CAMPAIGN_STARTS_AT} and {@code CAMPAIGN_ENDS_AT} (ISO instants, or dates: a
     * start date means its first second in UTC, an end date includes that whole day). Without an
     * id, a start and an end there is no campaign.
     */
    public static Optional<Campaign> fromConfig(Config config) {
        Optional<String> id = config.optional("CAMPAIGN_ID");
        if (id.isEmpty()
                || config.optional("CAMPAIGN_STARTS_AT").isEmpty()
                || config.optional("CAMPAIGN_ENDS_AT").isEmpty()) {
            return Optional.empty();
        }
        Instant starts = instant(config, "CAMPAIGN_STARTS_AT", false);
        Instant ends = instant(config, "CAMPAIGN_ENDS_AT", true);
        try {
            return Optional.of(
                    new Campaign(
                            id.get(),
                            config.get("CAMPAIGN_TITLE", id.get()),
                            config.getInt("CAMPAIGN_GOAL", 1000, 1, Integer.MAX_VALUE),
                            starts,
                            ends));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Campaign settings are not valid: " + e.getMessage());
        }
    }

    private static Instant instant(Config config, String name, boolean endOfDay) {
        String raw = config.require(name);
        try {
            if (raw.length() == 10) {
                LocalDate date = LocalDate.parse(raw);
                return (endOfDay ? date.plusDays(1) : date)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            }
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new ConfigException(
                    "Setting "
                            + name
                            + " must be a date (2026-01-31) or an instant (2026-01-31T00:00:00Z), got '"
                            + raw
                            + "'");
        }
    }
}
