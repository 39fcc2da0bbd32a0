package org.newsroom.memberships;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Pattern;
import org.newsroom.core.time.Timestamps;

/**
 * A membership campaign ("Goal: 1,000 new members for our birthday"): memberships started in {@code
 * [startsAt, endsAt)} count as the campaign's new members. Operators keep the current one as an
 * item of the memberships table ({@link CampaignStore}), so changing it needs no deploy.
 */
public record Campaign(String id, String title, long goal, Instant startsAt, Instant endsAt) {

    /** Compiled once: {@code String.matches} compiles its pattern again on every call. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public Campaign {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "A campaign id is 1 to 64 letters, digits, '-' or '_'");
        }
        if (title.isBlank() || title.length() > 200) {
            throw new IllegalArgumentException("A campaign title is 1 to 200 characters");
        }
        if (goal < 1) {
            throw new IllegalArgumentException("A campaign goal is at least 1 new member");
        }
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("A campaign must end after it starts");
        }
    }

    /**
     * A campaign from text as an operator types it: {@code goal} a whole number, {@code startsAt}
     * and {@code endsAt} ISO instants or dates (a start date means its first second in UTC, an end
     * date includes that whole day); an empty title becomes the id. Throws {@link
     * IllegalArgumentException} with a message that names the field.
     */
    public static Campaign parse(
            String id, String title, String goal, String startsAt, String endsAt) {
        long parsedGoal;
        try {
            parsedGoal = Long.parseLong(goal == null ? "" : goal.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "The goal must be a whole number of new members, such as 1000");
        }
        String name = id == null ? "" : id.trim();
        String shown = title == null || title.isBlank() ? name : title.trim();
        return new Campaign(
                name,
                shown,
                parsedGoal,
                instant("start", startsAt, false),
                instant("end", endsAt, true));
    }

    /** Whether a membership started at this instant counts for the campaign. */
    public boolean contains(Instant startedAt) {
        return !startedAt.isBefore(startsAt) && startedAt.isBefore(endsAt);
    }

    /** The counter that holds this campaign's new members. */
    public String counterName() {
        return "campaign:" + id;
    }

    private static Instant instant(String which, String raw, boolean endOfDay) {
        String text = raw == null ? "" : raw.trim();
        try {
            if (text.length() == 10) {
                LocalDate date = LocalDate.parse(text);
                return (endOfDay ? date.plusDays(1) : date)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            }
            return Timestamps.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "The "
                            + which
                            + " must be a date (2026-11-01) or an instant"
                            + " (2026-11-01T09:00:00Z), got '"
                            + text
                            + "'");
        }
    }
}
