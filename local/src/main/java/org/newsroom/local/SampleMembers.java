package org.newsroom.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.newsroom.core.config.Config;
import org.newsroom.memberships.ImportMembers;
import org.newsroom.memberships.MemberImport;

/**
 * Imports the sample members of {@code local/sample/members.csv} through the CSV import operators
 * use ({@code make import-members}), with the memberships settings the template gives the Stripe
 * webhook (table, counter shards, campaign), so the demo banner shows a supporter count as the real
 * one would. Idempotent: members imported by an earlier run against the same emulator are kept.
 */
public final class SampleMembers {

    /** The function whose environment names the memberships table and its counters. */
    static final String SETTINGS_FROM = "StripeWebhookFunction";

    private SampleMembers() {}

    public static MemberImport.Report load(Path root, LocalStack stack) throws IOException {
        Path file = root.resolve("local/sample/members.csv");
        if (!Files.exists(file)) {
            return new MemberImport.Report(0, 0, java.util.List.of());
        }
        FunctionSpec function = stack.functions().get(SETTINGS_FROM);
        if (function == null) {
            throw new IllegalStateException(
                    "The template has no "
                            + SETTINGS_FROM
                            + " to take the memberships settings from");
        }
        try (BufferedReader csv = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            MemberImport.Report report =
                    ImportMembers.run(Config.from(function.environment()), stack.dynamo(), csv);
            if (!report.problems().isEmpty()) {
                throw new IllegalStateException(
                        file + " has lines the import refused: " + report.problems());
            }
            return report;
        }
    }
}
