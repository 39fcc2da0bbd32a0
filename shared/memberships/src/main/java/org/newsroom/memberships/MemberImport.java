package org.newsroom.memberships;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.newsroom.core.email.EmailAddress;

/**
 * Imports existing members from CSV: a header line, then {@code email,plan,start_date} (ISO date,
 * such as 2024-03-01). Each address becomes membership {@code import-<peppered address id>} (see
 * {@link ImportIds}) and counts once: re-running the same file, or a file that overlaps an earlier
 * one, adds only the addresses not imported before. Lines that are not valid are reported by line
 * number (never by content) and skipped.
 */
public final class MemberImport {

    private static final Pattern PLAN = Pattern.compile("^[a-z0-9_-]{1,32}$");

    private final MembershipService service;

    public MemberImport(MembershipService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    /** What an import did. */
    public record Report(int imported, int alreadyPresent, List<String> problems) {}

    public Report run(BufferedReader csv) throws IOException {
        int imported = 0;
        int present = 0;
        List<String> problems = new ArrayList<>();
        String line = csv.readLine();
        if (line == null) {
            return new Report(0, 0, List.of("The file is empty."));
        }
        if (!line.trim().toLowerCase(Locale.ROOT).replace(" ", "").startsWith("email,plan,start")) {
            problems.add("Line 1: expected the header email,plan,start_date");
            return new Report(0, 0, problems);
        }
        int number = 1;
        while ((line = csv.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != 3) {
                problems.add("Line " + number + ": expected 3 fields, found " + fields.length);
                continue;
            }
            Optional<EmailAddress> email = EmailAddress.parse(unquote(fields[0]));
            String plan = unquote(fields[1]).toLowerCase(Locale.ROOT);
            String date = unquote(fields[2]);
            if (email.isEmpty()) {
                problems.add("Line " + number + ": the address is not valid");
                continue;
            }
            if (!PLAN.matcher(plan).matches()) {
                problems.add(
                        "Line "
                                + number
                                + ": the plan must be a short word such as monthly or yearly");
                continue;
            }
            LocalDate startedOn;
            try {
                startedOn = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                problems.add("Line " + number + ": the start date must look like 2024-03-01");
                continue;
            }
            MembershipService.Outcome outcome = service.importMember(plan, email.get(), startedOn);
            if (outcome == MembershipService.Outcome.STARTED) {
                imported++;
            } else {
                present++;
            }
        }
        return new Report(imported, present, problems);
    }

    private static String unquote(String field) {
        String trimmed = field.trim();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1).trim();
        }
        return trimmed;
    }
}
